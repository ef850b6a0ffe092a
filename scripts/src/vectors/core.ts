/**
 * Vectors of the crypto core (docs/crypto.md §2–7): encodings, hash to group, generators,
 * plaintext embedding, ElGamal, the Fiat–Shamir transcript, sigma proofs and signatures,
 * for both groups, all derived from fixed seeds.
 */
import {
  deriveGenerators,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  encodeEncryptionProof,
  encodePlaintext,
  encodeSchnorrProof,
  GROUP_NAMES,
  groupByName,
  proveDleq,
  proveEncryption,
  proveSchnorr,
  sign,
  signingKeyFromSecret,
  toHex,
  Transcript,
  utf8,
  type Group,
} from '@ostraka/crypto';

const hex = (g: Group<unknown>, list: readonly unknown[]) => list.map((e) => toHex(g.encode(e)));

function encodings(G: Group<unknown>) {
  const rng = deterministicRandom(`ostraka-vectors/${G.name}/encodings`);
  const scalars = [0n, 1n, 2n, G.order - 1n, G.scalars.random(rng)];
  const multiples = [1n, 2n, 3n, G.scalars.random(rng)];
  const dst = 'ostraka-v1-test-vectors';
  const messages = ['', 'abc', 'ostraka'];
  const seed = utf8('generator seed for the vectors');
  const plaintexts = ['', 'yes', 'a 32-byte plaintext of 256 bits', 'x'.repeat(100)];
  return {
    group: G.name,
    element_length: G.elementLength,
    scalar_length: G.scalarLength,
    order: '0x' + G.order.toString(16),
    generator: toHex(G.encode(G.generator)),
    scalars: scalars.map((k) => ({ value: '0x' + k.toString(16), encoding: toHex(G.scalars.encode(k)) })),
    multiples_of_generator: multiples.map((k) => ({ scalar: '0x' + k.toString(16), element: toHex(G.encode(G.multiply(G.generator, k))) })),
    hash_to_element: { dst, cases: messages.map((m) => ({ message: m, element: toHex(G.encode(G.hashToElement(utf8(m), utf8(dst)))) })) },
    generators: { seed: toHex(seed), start: 0, elements: hex(G, deriveGenerators(G, seed, 0, 4)) },
    generators_from_1000: { seed: toHex(seed), start: 1000, elements: hex(G, deriveGenerators(G, seed, 1000, 2)) },
    plaintexts: plaintexts.map((p) => {
      const width = Math.max(1, Math.ceil((utf8(p).length + 2) / G.embeddingCapacity));
      return { plaintext: toHex(utf8(p)), width, elements: hex(G, encodePlaintext(G, utf8(p), width)) };
    }),
  };
}

function transcript() {
  const G = groupByName('ristretto255');
  const ctx = { election: 'election-42', step: 'example' };
  const t = new Transcript('example-protocol', ctx).append('first', utf8('abc')).append('second', new Uint8Array([0, 1, 2]));
  return {
    protocol: 'example-protocol',
    context: ctx,
    fields: [
      { label: 'first', data: toHex(utf8('abc')) },
      { label: 'second', data: '000102' },
    ],
    challenge_label: 'challenge',
    challenge_bytes: toHex(t.challengeBytes('challenge')),
    challenge_scalar_ristretto255: toHex(G.scalars.encode(t.challengeScalar('challenge', G))),
    challenge_scalar_p256: toHex(groupByName('p256').scalars.encode(t.challengeScalar('challenge', groupByName('p256')))),
  };
}

function proofs(G: Group<unknown>) {
  const rng = deterministicRandom(`ostraka-vectors/${G.name}/proofs`);
  const ctx = { election: 'election-42', step: 'vectors' };
  const x = G.scalars.randomNonZero(rng);
  const X = G.multiply(G.generator, x);
  const schnorr = proveSchnorr(G, ctx, x, X, rng);
  const h = G.hashToElement(utf8('dleq base'), utf8('ostraka-v1-test-vectors'));
  const dleqStatement = { bases: [G.generator, h], publics: [X, G.multiply(h, x)] };
  const dleq = proveDleq(G, ctx, dleqStatement, x, rng);
  const scheme = new ElGamal(G, X);
  const messages = encodePlaintext(G, utf8('a ballot of two elements, 50 bytes long .........'), 2);
  const { ciphertext, randomness } = scheme.encrypt(messages, rng);
  const credential = utf8('credential public key bytes');
  const encryption = proveEncryption(G, ctx, credential, X, ciphertext, randomness, rng);
  return {
    group: G.name,
    context: ctx,
    secret_key: toHex(G.scalars.encode(x)),
    public_key: toHex(G.encode(X)),
    schnorr: { base: toHex(G.encode(G.generator)), public: toHex(G.encode(X)), proof: toHex(encodeSchnorrProof(G, schnorr)) },
    dleq: { bases: hex(G, dleqStatement.bases), publics: hex(G, dleqStatement.publics), proof: toHex(encodeSchnorrProof(G, dleq)) },
    encryption: {
      credential: toHex(credential),
      public_key: toHex(G.encode(X)),
      plaintext_elements: hex(G, messages),
      randomness: randomness.map((r) => toHex(G.scalars.encode(r))),
      ciphertext: toHex(encodeCiphertext(G, ciphertext)),
      proof: toHex(encodeEncryptionProof(G, encryption)),
    },
  };
}

function signatures() {
  const key = signingKeyFromSecret(deterministicRandom('ostraka-vectors/signatures')(32));
  const cases = [
    { domain: 'ostraka-entry-v1', payload: utf8('{"hello":"world"}') },
    { domain: 'ostraka-test', payload: new Uint8Array() },
  ];
  return {
    secret_key: toHex(key.secretKey),
    public_key: toHex(key.publicKey),
    cases: cases.map((c) => ({ domain: c.domain, payload: toHex(c.payload), signature: toHex(sign(key, c.domain, c.payload)) })),
  };
}

export function coreVectorFiles(): Record<string, unknown> {
  const groups = GROUP_NAMES.map(groupByName);
  return {
    'core-encodings.json': groups.map(encodings),
    'core-transcript.json': transcript(),
    'core-proofs.json': groups.map(proofs),
    'core-signatures.json': signatures(),
  };
}
