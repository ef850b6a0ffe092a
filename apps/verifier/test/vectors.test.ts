/**
 * The verifier's building blocks against the published vectors (docs/vectors/, /work/shared/vectors):
 * computed from the documents, they must reproduce every value the system's vectors record.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson, challengeVector, decryptRange, evaluate, extractPlaintext, FiatShamir, generators, generatorsSeed, groupByName,
  headBytes, judge, keyId, fingerprint, lagrangeAtZero, leafHash, merkleRoot, parseHex, toHex, verifyConsistency, verifyDleq,
  verifyDomainSignature, verifyEncryptionProof, verifyInclusion, verifySchnorr, verifyShuffle, VerifierPoolForTests, type Point,
} from './support/internal.js';

const docs = (name: string) => JSON.parse(readFileSync(new URL(`../../../docs/vectors/${name}`, import.meta.url), 'utf8'));
const shared = (name: string) => JSON.parse(readFileSync(join('/work/shared/vectors', name), 'utf8'));
const hex = (s: string) => parseHex(s)!;
const el = (group: NonNullable<ReturnType<typeof groupByName>>, s: string) => group.decode(hex(s)) as Point;

describe('groups (docs/crypto.md §2–4)', () => {
  for (const v of docs('core-encodings.json')) {
    const group = groupByName(v.group)!;
    it(`${v.group}: scalars, multiples of g, hash to group, generators, embedding`, () => {
      for (const s of v.scalars) expect(toHex(group.encodeScalar(BigInt(s.value)))).toBe(s.encoding);
      for (const m of v.multiples_of_generator) expect(toHex(group.encode(group.multiply(group.generator, BigInt(m.scalar))))).toBe(m.element);
      const dst = new TextEncoder().encode(v.hash_to_element.dst);
      for (const c of v.hash_to_element.cases) expect(toHex(group.encode(group.hashToGroup(new TextEncoder().encode(c.message), dst)))).toBe(c.element);
      for (const g of [v.generators, v.generators_from_1000]) {
        const hs = generators(group, hex(g.seed), g.start, g.start + g.elements.length);
        expect(hs.map((h) => toHex(group.encode(h)))).toEqual(g.elements);
      }
      for (const p of v.plaintexts) expect(toHex(extractPlaintext(group, p.elements.map(hex))!)).toBe(p.plaintext);
      expect(group.decodeScalar(hex(toHex(group.encodeScalar(group.order - 1n))))).toBe(group.order - 1n);
      expect(group.decodeScalar(group.encodeScalar(group.order))).toBe('scalar not below the group order');
      expect(group.decodeScalar(new Uint8Array(31))).toMatch(/31 bytes/);
    });
  }

  it('ristretto255: RFC 9496 multiples of the generator and every invalid encoding', () => {
    const v = shared('ristretto255-rfc9496.json');
    const group = groupByName('ristretto255')!;
    v.multiples_of_generator.forEach((e: string, i: number) => expect(toHex(group.encode(group.multiply(group.generator, BigInt(i))))).toBe(e));
    expect(group.decode(hex(v.multiples_of_generator[0]))).toBe('the identity element');
    for (const bad of v.invalid_encodings) expect(typeof group.decode(hex(bad))).toBe('string');
  });

  it('p256: RFC 9380 hash to curve (P256_XMD:SHA-256_SSWU_RO_)', () => {
    const v = shared('p256-xmd-sha256-sswu-ro.json');
    const group = groupByName('p256')!;
    for (const c of v.vectors) {
      const p = group.hashToGroup(new TextEncoder().encode(c.msg), new TextEncoder().encode(v.dst));
      const x = BigInt(c.P.x);
      expect(toHex(group.encode(p)).slice(2)).toBe(x.toString(16).padStart(64, '0'));
    }
    expect(group.decode(hex('04' + '00'.repeat(64)))).toMatch(/instead of 33/);
    expect(group.decode(hex('04' + '00'.repeat(32)))).toMatch(/first byte/);
    expect(group.decode(hex('02' + 'ff'.repeat(32)))).toMatch(/below p/);
  });
});

describe('Fiat–Shamir and sigma proofs (docs/crypto.md §6–7)', () => {
  it('the transcript vector', () => {
    const v = docs('core-transcript.json');
    const fs = new FiatShamir(v.protocol, v.context.election, v.context.step);
    for (const f of v.fields) fs.field(f.label, hex(f.data));
    expect(toHex(fs.challengeBytes(v.challenge_label))).toBe(v.challenge_bytes);
    expect(toHex(groupByName('ristretto255')!.encodeScalar(fs.challengeScalar(v.challenge_label, groupByName('ristretto255')!)))).toBe(v.challenge_scalar_ristretto255);
    expect(toHex(groupByName('p256')!.encodeScalar(fs.challengeScalar(v.challenge_label, groupByName('p256')!)))).toBe(v.challenge_scalar_p256);
  });

  for (const v of docs('core-proofs.json')) {
    const group = groupByName(v.group)!;
    it(`${v.group}: Schnorr, DLEQ and encryption proofs verify, and fail when anything changes`, () => {
      const context = v.context;
      const flip = (s: string) => toHex(Uint8Array.from(hex(s), (b, i) => (i === 40 ? b ^ 1 : b)));
      expect(verifySchnorr(group, context, el(group, v.schnorr.base), el(group, v.schnorr.public), hex(v.schnorr.proof)).ok).toBe(true);
      expect(verifySchnorr(group, context, el(group, v.schnorr.base), el(group, v.schnorr.public), hex(flip(v.schnorr.proof))).ok).toBe(false);
      expect(verifySchnorr(group, { ...context, step: 'other' }, el(group, v.schnorr.base), el(group, v.schnorr.public), hex(v.schnorr.proof)).ok).toBe(false);
      const bases = v.dleq.bases.map((b: string) => el(group, b));
      const publics = v.dleq.publics.map((b: string) => el(group, b));
      expect(verifyDleq(group, context, bases, publics, hex(v.dleq.proof)).ok).toBe(true);
      expect(verifyDleq(group, context, bases, [publics[0], publics[0]], hex(v.dleq.proof)).ok).toBe(false);
      const e = v.encryption;
      const ct = hex(e.ciphertext);
      const L = group.elementLength;
      const a = Array.from({ length: ct.length / (2 * L) }, (_, j) => group.decode(ct.subarray(2 * j * L, (2 * j + 1) * L)) as Point);
      expect(verifyEncryptionProof(group, context, hex(e.credential), el(group, e.public_key), ct, a, hex(e.proof)).ok).toBe(true);
      expect(verifyEncryptionProof(group, context, hex(e.credential).map((b, i) => (i === 0 ? b ^ 1 : b)), el(group, e.public_key), ct, a, hex(e.proof)).ok).toBe(false);
      expect(verifyEncryptionProof(group, { ...context, election: 'another-election' }, hex(e.credential), el(group, e.public_key), ct, a, hex(e.proof)).ok).toBe(false);
    });
  }

  it('Ed25519 with a domain (docs/crypto.md §7.4), key ids and fingerprints', () => {
    const v = docs('core-signatures.json');
    for (const c of v.cases) {
      expect(verifyDomainSignature(hex(v.public_key), c.domain, hex(c.payload), hex(c.signature))).toBe(true);
      expect(verifyDomainSignature(hex(v.public_key), c.domain + 'x', hex(c.payload), hex(c.signature))).toBe(false);
      const s = hex(c.signature);
      s[63] |= 0x10; // S ≥ L
      expect(verifyDomainSignature(hex(v.public_key), c.domain, hex(c.payload), s)).toBe(false);
    }
    // A small-order public key (the identity) is refused even with a signature that satisfies the equation.
    expect(verifyDomainSignature(hex('01' + '00'.repeat(31)), 'd', new Uint8Array(1), hex('01' + '00'.repeat(63)))).toBe(false);
    expect(fingerprint(hex(v.public_key))).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){4}$/);
    expect(keyId(hex(v.public_key))).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the log (docs/transcript.md §3–6)', () => {
  it('the leaf vector, the tree-head bytes and the RFC 6962 reference root', () => {
    const entry = { author: 'ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c', signer: 'fe812c12f3ab4ce6ac5db69ac352f906', index: 3, type: 'message.inbox', payload: { z: 1, a: 'x' }, signature: 'ab'.repeat(64), received: 1700000000000 };
    expect(toHex(leafHash(entry))).toBe('794138dad5643c9b3e2e3d67bddb3a700bb854620b0fadbfb988a1d3894e3372');
    expect(canonicalJson({ z: 1, a: 'x', é: [true, null] })).toBe('{"a":"x","z":1,"é":[true,null]}');
    expect(canonicalJson({ a: 1.5 })).toBeNull();
    expect(toHex(headBytes({ board: '00112233445566778899aabbccddeeff', size: 42, timestamp: 1700000000123, root: 'cd'.repeat(32), signature: '' }))).toBe('00112233445566778899aabbccddeeff000000000000002a0000018bcfe5687b' + 'cd'.repeat(32));
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(hex(h)).digest()));
    expect(toHex(merkleRoot(leaves))).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  const b64 = (s: string) => new Uint8Array(Buffer.from(s ?? '', 'base64'));
  it('every RFC 9162 inclusion and consistency vector (transparency-dev/merkle)', () => {
    const inclusion = files('/work/shared/vectors/rfc9162/inclusion');
    const consistency = files('/work/shared/vectors/rfc9162/consistency');
    expect(inclusion.length + consistency.length).toBeGreaterThan(50);
    for (const f of inclusion) {
      const v = JSON.parse(readFileSync(f, 'utf8'));
      expect(verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root)), f).toBe(!v.wantErr);
    }
    for (const f of consistency) {
      const v = JSON.parse(readFileSync(f, 'utf8'));
      expect(verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64)), f).toBe(!v.wantErr);
    }
  });
});

describe('the key ceremony and decryption (docs/crypto.md §8)', () => {
  for (const v of docs('threshold-dkg.json')) {
    const group = groupByName(v.group)!;
    it(`${v.group}: complaints judged, qualified set, joint key and verification keys`, () => {
      const manifest = { id: v.election, group: v.group, trustees: { threshold: v.threshold, count: v.count } } as never;
      const identities = new Map(v.trustees.map((t: { trustee: number; share_key: string }) => [t.trustee, { trustee: t.trustee, shareKey: el(group, t.share_key) }])) as never;
      const ctx = { group, manifest, identities };
      for (const t of v.trustees) expect(verifySchnorr(group, { election: v.election, step: `dkg/share-key/trustee-${t.trustee}` }, group.generator, el(group, t.share_key), hex(t.share_key_proof)).ok).toBe(true);
      const deals = new Map<number, { dealer: number; commitments: Point[]; shares: { recipient: number; ephemeral: Point; ciphertext: Uint8Array }[] }>();
      for (const d of v.deals) {
        const commitments = d.commitments.map((c: string) => el(group, c));
        expect(verifySchnorr(group, { election: v.election, step: `dkg/deal/dealer-${d.dealer}` }, group.generator, commitments[0], hex(d.proof)).ok).toBe(true);
        deals.set(d.dealer, { dealer: d.dealer, commitments, shares: d.shares.map((s: { recipient: number; ephemeral: string; ciphertext: string }) => ({ recipient: s.recipient, ephemeral: el(group, s.ephemeral), ciphertext: hex(s.ciphertext) })) });
      }
      for (const [name, c] of [['complaint_upheld', v.complaint_upheld], ['complaint_void', v.complaint_void]] as const) {
        const deal = { ...deals.get(c.dealer)!, shares: deals.get(c.dealer)!.shares.map((s) => (s.recipient === c.recipient ? { ...s, ephemeral: el(group, c.ephemeral), ciphertext: hex(c.ciphertext) } : s)) };
        const verdict = judge(ctx, deal, { by: c.recipient, dealer: c.dealer, sharedPoint: el(group, c.shared_point), proof: hex(c.proof) });
        expect(verdict.upheld, name).toBe(c.verdict.upheld);
      }
      const outcome = evaluate(ctx, deals as never, []);
      expect(outcome.qualified).toEqual(v.outcome.qualified);
      expect(toHex(group.encode(outcome.publicKey!))).toBe(v.outcome.public_key);
      expect([...outcome.verificationKeys.values()].map((p) => toHex(group.encode(p)))).toEqual(v.outcome.verification_keys);
      v.outcome.key_share_proofs.forEach((proof: string, k: number) => {
        expect(verifySchnorr(group, { election: v.election, step: `dkg/key-share/trustee-${k + 1}` }, group.generator, el(group, v.outcome.verification_keys[k]), hex(proof)).ok).toBe(true);
      });
    });
  }

  for (const v of docs('threshold-decryption.json')) {
    it(`${v.group}: partial decryptions, Lagrange coefficients and every combination`, () => {
      const group = groupByName(v.group)!;
      for (const comb of v.combinations) {
        expect(lagrangeAtZero(group.order, comb.trustees).map((l) => toHex(group.encodeScalar(l)))).toEqual(comb.lagrange);
        const trustees = comb.trustees.map((j: number) => {
          const p = v.partial_decryptions.find((x: { trustee: number }) => x.trustee === j);
          return { index: j, verificationKey: v.verification_keys[j - 1], factors: hex(p.factors.flat().join('')), proofs: hex(p.proofs.join('')) };
        });
        const result = decryptRange({ group: v.group, election: v.election, width: v.width, from: 0, ciphertexts: hex(v.ciphertexts.join('')), trustees, threshold: v.threshold });
        expect(result.failures).toEqual([]);
        expect(result.plaintexts).toEqual(v.plaintexts);
        const bad = trustees.map((t: { proofs: Uint8Array }, k: number) => (k === 0 ? { ...t, proofs: t.proofs.map((b, i) => (i === 5 ? b ^ 1 : b)) } : t));
        expect(decryptRange({ group: v.group, election: v.election, width: v.width, from: 0, ciphertexts: hex(v.ciphertexts.join('')), trustees: bad, threshold: v.threshold }).failures.length).toBe(1);
      }
    });
  }
});

describe('the shuffle (docs/crypto.md §9)', () => {
  for (const name of ['shuffle-ristretto255.json', 'shuffle-p256.json']) {
    const v = docs(name);
    it(`${v.group}: generators, challenges, and every case's verdict`, async () => {
      const group = groupByName(v.group)!;
      const pool = VerifierPoolForTests();
      try {
        for (const c of v.cases) {
          const st = c.statement;
          if (c.recomputed) {
            const seed = generatorsSeed(group, st.election, st.round, c.n);
            expect(toHex(seed)).toBe(c.recomputed.generators_seed);
            expect(generators(group, seed, 0, c.n + 1).map((h) => toHex(group.encode(h)))).toEqual(c.recomputed.generators);
            expect(challengeVector(hex(c.recomputed.u_seed), 1, c.n + 1).map((u) => u.toString(16).padStart(32, '0'))).toEqual(c.recomputed.u);
          }
          const verdict = await verifyShuffle({ group, publicKey: hex(st.public_key), width: st.width, election: st.election, round: st.round }, hex(c.inputs), hex(c.outputs), hex(c.proof), pool);
          expect(verdict.ok, `${c.name}: ${'reason' in verdict ? verdict.reason : ''}`).toBe(c.valid);
        }
      } finally {
        await pool.close();
      }
    });
  }
});
