import { DecodeError, type Group, type GroupName } from '@ostraka/crypto';

/**
 * The byte layout of a shuffle proof (docs/crypto.md §9.4):
 *
 *   header:  version (u8 = 1) ‖ group id (u8) ‖ width (u16be) ‖ N (u32be)      8 bytes
 *   c_1..c_N         permutation commitment                               N elements
 *   ĉ_1..ĉ_N         commitment chain                                     N elements
 *   challenge, s_1, s_2, s_3, s_4,1..s_4,w                                4 + w scalars
 *   ŝ_1..ŝ_N, s'_1..s'_N                                                  2N scalars
 *
 * The commitments t_1..t_4 and t̂_1..t̂_N are not sent: the verifier recomputes them from the
 * responses and checks that they hash to the challenge (the compact form).
 */
export const PROOF_VERSION = 1;
export const HEADER_LENGTH = 8;

export const GROUP_IDS: Readonly<Record<GroupName, number>> = { ristretto255: 1, p256: 2 };

export interface ProofLayout {
  readonly n: number;
  readonly width: number;
  readonly elementLength: number;
  readonly scalarLength: number;
  /** Offsets of each part. */
  readonly commitments: number;
  readonly chain: number;
  readonly challenge: number;
  /** s_1, s_2, s_3 then s_4,1..s_4,w, consecutive scalars. */
  readonly responses: number;
  readonly sHat: number;
  readonly sPrime: number;
  readonly length: number;
}

export function proofLayout(group: Group<unknown>, width: number, n: number): ProofLayout {
  const L = group.elementLength;
  const S = group.scalarLength;
  const commitments = HEADER_LENGTH;
  const chain = commitments + n * L;
  const challenge = chain + n * L;
  const responses = challenge + S;
  const sHat = responses + (3 + width) * S;
  const sPrime = sHat + n * S;
  return {
    n,
    width,
    elementLength: L,
    scalarLength: S,
    commitments,
    chain,
    challenge,
    responses,
    sHat,
    sPrime,
    length: sPrime + n * S,
  };
}

export function writeHeader(proof: Uint8Array, group: Group<unknown>, width: number, n: number): void {
  const view = new DataView(proof.buffer, proof.byteOffset, HEADER_LENGTH);
  view.setUint8(0, PROOF_VERSION);
  view.setUint8(1, GROUP_IDS[group.name]);
  view.setUint16(2, width, false);
  view.setUint32(4, n, false);
}

/**
 * Checks a proof's header and length against the statement (group, width, and N, the number of
 * input ciphertexts); a DecodeError names the first mismatch.
 */
export function checkProofShape(proof: Uint8Array, group: Group<unknown>, width: number, n: number): ProofLayout {
  if (!(proof instanceof Uint8Array)) throw new DecodeError('WRONG_TYPE', 'proof', 'expected bytes');
  if (proof.length < HEADER_LENGTH) throw new DecodeError('WRONG_LENGTH', 'proof', 'shorter than its header');
  const view = new DataView(proof.buffer, proof.byteOffset, HEADER_LENGTH);
  if (view.getUint8(0) !== PROOF_VERSION)
    throw new DecodeError('NON_CANONICAL', 'proof.version', `unsupported version ${view.getUint8(0)}`);
  if (view.getUint8(1) !== GROUP_IDS[group.name])
    throw new DecodeError('NON_CANONICAL', 'proof.group', `group id ${view.getUint8(1)} is not ${group.name}`);
  if (view.getUint16(2, false) !== width)
    throw new DecodeError('NON_CANONICAL', 'proof.width', `width ${view.getUint16(2, false)}, the statement says ${width}`);
  if (view.getUint32(4, false) !== n)
    throw new DecodeError('NON_CANONICAL', 'proof.n', `N = ${view.getUint32(4, false)}, the statement has ${n} ciphertexts`);
  const layout = proofLayout(group, width, n);
  if (proof.length !== layout.length)
    throw new DecodeError('WRONG_LENGTH', 'proof', `expected ${layout.length} bytes, got ${proof.length}`);
  return layout;
}
