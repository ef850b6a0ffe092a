import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '@ostraka/crypto';
import {
  appendLeaf,
  assembleProof,
  consistencyProofRanges,
  EMPTY_ROOT,
  frontierSubtrees,
  inclusionProofRanges,
  leafHash,
  merkleTreeHash,
  nodeHash,
  proofSubtreeIds,
  rangeSubtrees,
  rootFromSubtrees,
  subtreeId,
  verifyConsistency,
  verifyInclusion,
} from '@ostraka/protocol/log';

type InclusionVector = { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean };
type ConsistencyVector = { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean };
const vectors = JSON.parse(readFileSync(new URL('./vectors/rfc9162-merkle.json', import.meta.url), 'utf8')) as {
  inclusion: Record<string, InclusionVector>;
  consistency: Record<string, ConsistencyVector>;
};
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

describe('RFC 9162 proof verification against the transparency-dev vectors', () => {
  it.each(Object.entries(vectors.inclusion))('inclusion %s', (_name, v) => {
    const ok = verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
    expect(ok).toBe(!v.wantErr);
  });
  it.each(Object.entries(vectors.consistency))('consistency %s', (_name, v) => {
    const ok = verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64));
    expect(ok).toBe(!v.wantErr);
  });
  it('has both accepting and refusing vectors of each kind', () => {
    for (const kind of [vectors.inclusion, vectors.consistency]) {
      const wants = Object.values(kind).map((v) => v.wantErr);
      expect(wants).toContain(true);
      expect(wants).toContain(false);
    }
  });
});

// The eight reference leaves of RFC 6962's test data, as hex inputs.
const REFERENCE_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

describe('tree hashing', () => {
  const leaves = REFERENCE_LEAVES.map((h) => leafHash(new Uint8Array(Buffer.from(h, 'hex'))));
  it('matches the RFC 6962 reference root of the 8 leaves', () => {
    expect(toHex(merkleTreeHash(leaves))).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });
  it('hashes the empty tree to SHA-256("") and separates leaves from nodes', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const a = leafHash(utf8('a'));
    const b = leafHash(utf8('b'));
    const both = new Uint8Array([...a, ...b]);
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(leafHash(both)));
  });
});

/** A log built leaf by leaf, storing each completed perfect subtree, as the board does. */
function buildLog(leaves: Uint8Array[]) {
  const stored = new Map<number, Uint8Array>();
  const roots: Uint8Array[] = [EMPTY_ROOT];
  let frontier: Uint8Array[] = [];
  leaves.forEach((leaf, size) => {
    const step = appendLeaf(frontier, size, leaf);
    frontier = step.frontier;
    for (const s of step.completed) {
      expect(stored.has(subtreeId(s.level, s.index))).toBe(false);
      stored.set(subtreeId(s.level, s.index), s.hash);
    }
    roots.push(rootFromSubtrees(frontier));
  });
  return { stored, roots, frontier };
}

// Independent PATH and PROOF straight from the RFC's recursive definitions, over leaf hashes.
function referencePath(m: number, leaves: Uint8Array[]): Uint8Array[] {
  const n = leaves.length;
  if (n === 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), merkleTreeHash(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), merkleTreeHash(leaves.slice(0, k))];
}
function referenceSubproof(m: number, leaves: Uint8Array[], b: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [merkleTreeHash(leaves)];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m <= k
    ? [...referenceSubproof(m, leaves.slice(0, k), b), merkleTreeHash(leaves.slice(k))]
    : [...referenceSubproof(m - k, leaves.slice(k), false), merkleTreeHash(leaves.slice(0, k))];
}

// Distinct leaves (position-prefixed), so that a proof for one position can never honestly verify for another.
const leafSet = fc
  .array(fc.uint8Array({ minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 70 })
  .map((ds) => ds.map((d, i) => leafHash(new Uint8Array([i & 0xff, i >> 8, ...d]))));
const RUNS = { numRuns: 40 };
const hexOf = (xs: Uint8Array[]) => xs.map(toHex);

describe('log built from stored perfect subtrees', () => {
  it('stores each perfect subtree once under an id below 2n, and its frontier gives every root', () => {
    fc.assert(
      fc.property(leafSet, (leaves) => {
        const { stored, roots } = buildLog(leaves);
        expect(stored.size).toBe(2 * leaves.length - frontierSubtrees(leaves.length).length);
        for (const id of stored.keys()) expect(id).toBeLessThan(2 * leaves.length);
        roots.forEach((root, size) => expect(toHex(root)).toBe(toHex(merkleTreeHash(leaves.slice(0, size)))));
      }),
      RUNS,
    );
  });

  it('serves inclusion proofs equal to the RFC recursion; they verify, and any tampering is refused', () => {
    fc.assert(
      fc.property(leafSet, fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, flip) => {
        const { stored, roots } = buildLog(leaves);
        const size = 1 + (a % leaves.length);
        const index = b % size;
        const ranges = inclusionProofRanges(index, size);
        const wanted = new Map([...stored].filter(([id]) => proofSubtreeIds(ranges).includes(id)));
        const proof = assembleProof(ranges, wanted);
        expect(hexOf(proof)).toEqual(hexOf(referencePath(index, leaves.slice(0, size))));
        expect(verifyInclusion(index, size, leaves[index], proof, roots[size])).toBe(true);
        // Tampering: a flipped bit in a proof hash, a wrong index, size, leaf or root.
        if (proof.length > 0) {
          const bad = proof.map((p) => p.slice());
          bad[flip % bad.length][flip % 32] ^= 1 << (flip % 8);
          expect(verifyInclusion(index, size, leaves[index], bad, roots[size])).toBe(false);
          expect(verifyInclusion(index, size, leaves[index], proof.slice(0, -1), roots[size])).toBe(false);
          expect(verifyInclusion(index, size, leaves[index], [...proof, proof[0]], roots[size])).toBe(false);
          expect(verifyInclusion(index ^ 1, size, leaves[index], proof, roots[size])).toBe(false);
        }
        // A proof is for one size: against the next head's root it fails. (The size itself is only
        // bound by the signed tree head: the same hashes can fit another (size, root) pair.)
        if (size < leaves.length) expect(verifyInclusion(index, size + 1, leaves[index], proof, roots[size + 1])).toBe(false);
        const otherLeaf = leafHash(new Uint8Array([0xff, ...leaves[index]]));
        expect(verifyInclusion(index, size, otherLeaf, proof, roots[size])).toBe(false);
        if (size > 1) expect(verifyInclusion(index, size, leaves[index], proof, roots[size - 1])).toBe(false);
      }),
      RUNS,
    );
  });

  it('serves consistency proofs equal to the RFC recursion; they verify, and any tampering is refused', () => {
    fc.assert(
      fc.property(leafSet, fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, flip) => {
        const { stored, roots } = buildLog(leaves);
        const second = 1 + (a % leaves.length);
        const first = 1 + (b % second);
        const proof = assembleProof(consistencyProofRanges(first, second), stored);
        expect(hexOf(proof)).toEqual(first === second ? [] : hexOf(referenceSubproof(first, leaves.slice(0, second), true)));
        expect(verifyConsistency(first, second, roots[first], roots[second], proof)).toBe(true);
        if (proof.length > 0) {
          const bad = proof.map((p) => p.slice());
          bad[flip % bad.length][flip % 32] ^= 1 << (flip % 8);
          expect(verifyConsistency(first, second, roots[first], roots[second], bad)).toBe(false);
          expect(verifyConsistency(first, second, roots[first], roots[second], proof.slice(1))).toBe(false);
          expect(verifyConsistency(first, second, roots[second], roots[first], proof)).toBe(false);
        }
        if (first > 1) expect(verifyConsistency(first - 1, second, roots[first], roots[second], proof)).toBe(false);
        if (second > first) expect(verifyConsistency(first, second, roots[first], roots[second - 1], proof)).toBe(false);
      }),
      RUNS,
    );
  });

  it('decomposes ranges into aligned perfect subtrees that cover them exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (size, p) => {
        const ranges = [...inclusionProofRanges(p % size, size), ...(p % size > 0 ? consistencyProofRanges(p % size, size) : [])];
        for (const r of ranges) {
          let position = r.start;
          for (const s of rangeSubtrees(r.start, r.end)) {
            expect(s.index * 2 ** s.level).toBe(position);
            position += 2 ** s.level;
          }
          expect(position).toBe(r.end);
        }
      }),
    );
  });

  it('reads O(log n) stored subtrees per proof, even at ten million leaves', () => {
    const n = 10_000_000;
    for (const index of [0, 1, n / 2, n - 2, n - 1]) expect(proofSubtreeIds(inclusionProofRanges(index, n)).length).toBeLessThanOrEqual(2 * 24);
    for (const first of [1, 3, 4_999_999, n - 1]) expect(proofSubtreeIds(consistencyProofRanges(first, n)).length).toBeLessThanOrEqual(2 * 24);
  });

  it('refuses to plan impossible proofs', () => {
    expect(() => inclusionProofRanges(5, 5)).toThrow(RangeError);
    expect(() => consistencyProofRanges(0, 5)).toThrow(RangeError);
    expect(() => consistencyProofRanges(6, 5)).toThrow(RangeError);
    expect(() => appendLeaf([], 1, leafHash(new Uint8Array()))).toThrow(RangeError);
  });
});
