/**
 * The compact sigma proofs of docs/crypto.md §7: Schnorr (§7.1), Chaum–Pedersen DLEQ (§7.2) and the
 * proof of knowledge of the encryption randomness of a ballot (§7.3). Each recomputes the
 * commitments from the responses and checks that they hash to the challenge; a proof that does not
 * even decode is invalid with the reason.
 */
import { concat } from '../encoding/bytes.js';
import { FiatShamir } from './fiat-shamir.js';
import type { Group, Point } from './group.js';

export interface ProofContext {
  election: string;
  step: string;
}

export type Verdict = { ok: true } | { ok: false; reason: string };
const OK: Verdict = { ok: true };
const bad = (reason: string): Verdict => ({ ok: false, reason });

/** Splits `c ‖ s_1 ‖ … ‖ s_k` into strict scalars. */
export function decodeScalars(group: Group, bytes: Uint8Array, count: number): bigint[] | string {
  if (bytes.length !== 32 * count) return `proof of ${bytes.length} bytes instead of ${32 * count}`;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const s = group.decodeScalar(bytes.subarray(32 * i, 32 * i + 32));
    if (typeof s === 'string') return `proof scalar ${i}: ${s}`;
    out.push(s);
  }
  return out;
}

/** `B^s · X^{−c}`, the recomputed commitment of every proof here. */
export function recommit(group: Group, base: Point, s: bigint, pub: Point, c: bigint): Point {
  const negC = (group.order - c) % group.order;
  return group.multiply(base, s).add(group.multiply(pub, negC));
}

export function verifySchnorr(group: Group, context: ProofContext, base: Point, pub: Point, proof: Uint8Array): Verdict {
  const scalars = decodeScalars(group, proof, 2);
  if (typeof scalars === 'string') return bad(scalars);
  const [c, s] = scalars;
  const t = recommit(group, base, s, pub, c);
  const fs = new FiatShamir('schnorr', context.election, context.step)
    .field('base', group.encode(base))
    .field('public', group.encode(pub))
    .field('commitment', group.encode(t));
  return fs.challengeScalar('challenge', group) === c ? OK : bad('the Schnorr proof does not verify');
}

export function verifyDleq(group: Group, context: ProofContext, bases: Point[], publics: Point[], proof: Uint8Array): Verdict {
  if (bases.length < 1 || bases.length !== publics.length) return bad('a DLEQ statement needs as many publics as bases (at least one)');
  const scalars = decodeScalars(group, proof, 2);
  if (typeof scalars === 'string') return bad(scalars);
  const [c, s] = scalars;
  const commitments = bases.map((b, i) => recommit(group, b, s, publics[i], c));
  const enc = (ps: Point[]) => ps.map((x) => group.encode(x));
  return dleqChallenge(group, context, enc(bases), enc(publics), enc(commitments)) === c ? OK : bad('the DLEQ proof does not verify');
}

/** The DLEQ challenge of §7.2 from the encodings of bases, publics and recomputed commitments. */
export function dleqChallenge(group: Group, context: ProofContext, bases: Uint8Array[], publics: Uint8Array[], commitments: Uint8Array[]): bigint {
  return new FiatShamir('dleq', context.election, context.step)
    .field('bases', ...bases)
    .field('publics', ...publics)
    .field('commitments', ...commitments)
    .challengeScalar('challenge', group);
}

/**
 * §7.3: `a` are the ciphertext's `a_j` (decoded), `ciphertext` its encoding, `credential` the
 * credential's 32 bytes, `publicKey` the election key. A ballot's context is (election, "ballot").
 */
export function verifyEncryptionProof(
  group: Group,
  context: ProofContext,
  credential: Uint8Array,
  publicKey: Point,
  ciphertext: Uint8Array,
  a: Point[],
  proof: Uint8Array,
): Verdict {
  const w = a.length;
  if (w < 1) return bad('a ciphertext of width 0');
  const scalars = decodeScalars(group, proof, w + 1);
  if (typeof scalars === 'string') return bad(scalars);
  const [c, ...s] = scalars;
  const commitments = a.map((aj, j) => recommit(group, group.generator, s[j], aj, c));
  const challenge = encryptionChallenge(group, context, credential, group.encode(publicKey), ciphertext, concat(...commitments.map((t) => group.encode(t))));
  return challenge === c ? OK : bad('the proof of knowledge of the randomness does not verify');
}

/** The challenge of §7.3 from the credential, the key's and the ciphertext's encodings and the commitments'. */
export function encryptionChallenge(group: Group, context: ProofContext, credential: Uint8Array, publicKey: Uint8Array, ciphertext: Uint8Array, commitments: Uint8Array): bigint {
  return new FiatShamir('encryption', context.election, context.step)
    .field('credential', credential)
    .field('public-key', publicKey)
    .field('ciphertext', ciphertext)
    .field('commitments', commitments)
    .challengeScalar('challenge', group);
}
