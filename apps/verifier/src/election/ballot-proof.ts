/**
 * A ballot's ciphertext and proof (docs/transcript.md §10.6, docs/crypto.md §5, §7.3): every element
 * decodes strictly (no identity), and the proof of knowledge of the randomness verifies for this
 * election, this credential and the joint key. Runs in the worker pool.
 */
import { groupByName, type GroupName, type Point } from '../crypto/group.js';
import { verifyEncryptionProof } from '../crypto/sigma.js';
import { parseHex } from '../encoding/hex.js';

export interface BallotProofInput {
  group: GroupName;
  election: string;
  jointKey: string;
  width: number;
  credentials: Uint8Array[];
  ciphertexts: Uint8Array[];
  proofs: Uint8Array[];
}

/** For each ballot: null when it holds, else the reason (`decode:` or `proof:` first). */
export function checkBallotProofs(input: BallotProofInput): (string | null)[] {
  const group = groupByName(input.group)!;
  const pk = group.decode(parseHex(input.jointKey)!) as Point;
  const L = group.elementLength;
  return input.ciphertexts.map((ct, i) => {
    const a: Point[] = [];
    for (let e = 0; e < 2 * input.width; e++) {
      const p = group.decode(ct.subarray(e * L, (e + 1) * L));
      if (typeof p === 'string') return `decode: ciphertext element ${e}: ${p}`;
      if (e % 2 === 0) a.push(p);
    }
    const v = verifyEncryptionProof(group, { election: input.election, step: 'ballot' }, input.credentials[i], pk, ct, a, input.proofs[i]);
    return v.ok ? null : `proof: ${v.reason}`;
  });
}
