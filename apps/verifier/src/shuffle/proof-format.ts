/**
 * The shuffle proof's bytes (docs/crypto.md §9.4) and the statement's lists (§9.1): header, then
 * c_1..c_N, ĉ_1..ĉ_N, c ‖ s_1 ‖ s_2 ‖ s_3 ‖ s_4,1..s_4,w, ŝ_1..ŝ_N, s'_1..s'_N. Only lengths and the
 * header are checked here; elements and scalars are decoded where they are used.
 */
import type { Group } from '../crypto/group.js';

export interface ShuffleStatement {
  group: Group;
  publicKey: Uint8Array;
  width: number;
  election: string;
  round: number;
}

export interface ProofLayout {
  n: number;
  /** Byte offsets of each part in the proof. */
  commitments: number;
  chain: number;
  scalars: number;
  sHat: number;
  sPrime: number;
  length: number;
}

export function proofLength(group: Group, width: number, n: number): number {
  return 8 + 2 * n * group.elementLength + (4 + width + 2 * n) * 32;
}

/** The layout of a proof for `inputs`/`outputs`, or why the lists and the proof cannot belong together. */
export function proofLayout(s: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array): ProofLayout | string {
  const L = s.group.elementLength;
  const size = 2 * s.width * L;
  if (inputs.length % size !== 0) return `the input list is not a whole number of width-${s.width} ciphertexts`;
  if (outputs.length !== inputs.length) return 'the output list does not have the length of the input list';
  const n = inputs.length / size;
  if (n >= 2 ** 32 - 1) return 'too many ciphertexts';
  if (proof.length < 8) return 'the proof is shorter than its header';
  const view = new DataView(proof.buffer, proof.byteOffset, proof.byteLength);
  if (proof[0] !== 1) return `proof version ${proof[0]}, not 1`;
  if (proof[1] !== s.group.id) return `proof group id ${proof[1]}, not ${s.group.id} (${s.group.name})`;
  if (view.getUint16(2) !== s.width) return `proof width ${view.getUint16(2)}, not ${s.width}`;
  if (view.getUint32(4) !== n) return `proof for ${view.getUint32(4)} ciphertexts, not ${n}`;
  const length = proofLength(s.group, s.width, n);
  if (proof.length !== length) return `proof of ${proof.length} bytes, not ${length}`;
  const commitments = 8;
  const chain = commitments + n * L;
  const scalars = chain + n * L;
  const sHat = scalars + (4 + s.width) * 32;
  const sPrime = sHat + n * 32;
  return { n, commitments, chain, scalars, sHat, sPrime, length };
}
