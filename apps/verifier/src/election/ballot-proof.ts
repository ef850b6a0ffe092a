/**
 * A ballot's ciphertext and proof (docs/transcript.md §10.6, docs/crypto.md §5, §7.3): every element
 * decodes strictly (no identity), and the proof of knowledge of the randomness verifies for this
 * election, this credential and the joint key: T'_j = g^{s_j}·a_j^{−c} hash to c. Runs in the
 * worker pool, a batch of ballots at a time (the T'_j of the batch encoded together).
 */
import { groupByName, type GroupName } from '../crypto/group.js';
import { combination } from '../crypto/fast/combination.js';
import { kernelFor } from '../crypto/fast/kernels.js';
import { decodeScalars, encryptionChallenge } from '../crypto/sigma.js';
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
  const kernel = kernelFor(group);
  const { ops, generator } = kernel;
  const q = group.order;
  const w = input.width;
  const L = group.elementLength;
  const pk = parseHex(input.jointKey)!;
  const verdicts: (string | null)[] = [];
  const pending: { i: number; c: bigint; first: number }[] = [];
  const commitments: unknown[] = [];
  input.ciphertexts.forEach((ct, i) => {
    const a: unknown[] = [];
    for (let e = 0; e < 2 * w; e++) {
      const pt = ops.decode(ct, e * L);
      if (typeof pt === 'string') return void (verdicts[i] = `decode: ciphertext element ${e}: ${pt}`);
      if (e % 2 === 0) a.push(pt);
    }
    const scalars = decodeScalars(group, input.proofs[i], w + 1);
    if (typeof scalars === 'string') return void (verdicts[i] = `proof: ${scalars}`);
    const [c, ...s] = scalars;
    const negC = kernel.scale((q - c) % q);
    pending.push({ i, c, first: commitments.length });
    for (let j = 0; j < w; j++) commitments.push(combination(kernel, [[generator, kernel.scale(s[j])]], [[a[j], negC]]));
  });
  const encoded = kernel.encodeScaled(commitments);
  for (const { i, c, first } of pending) {
    const t = encoded.subarray(first * L, (first + w) * L);
    const challenge = encryptionChallenge(group, { election: input.election, step: 'ballot' }, input.credentials[i], pk, input.ciphertexts[i], t);
    verdicts[i] = challenge === c ? null : 'proof: the proof of knowledge of the randomness does not verify';
  }
  return input.ciphertexts.map((_, i) => verdicts[i] ?? null);
}
