import { checkSize, splitPoint, type LeafRange } from './merkle-subtrees.js';

/**
 * Which ranges of leaves a proof's hashes cover, in proof order, following the recursive
 * definitions of RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF) literally. A log turns each
 * range into hashes with `rangeSubtrees` + `rootFromSubtrees` over its stored perfect subtrees,
 * so generating a proof costs O(log n) stored hashes and no leaf rehashing.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  checkSize(index, 'index');
  checkSize(size, 'size');
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`);
  const out: LeafRange[] = [];
  path(index, 0, size, out);
  return out;
}

// PATH(m, D[start:end]) with m relative to start; appends in RFC order (deepest first).
function path(m: number, start: number, end: number, out: LeafRange[]): void {
  const n = end - start;
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(m, start, start + k, out);
    out.push({ start: start + k, end });
  } else {
    path(m - k, start + k, end, out);
    out.push({ start, end: start + k });
  }
}

/** The ranges of PROOF(first, D[second]); empty when the sizes are equal. Requires 0 < first ≤ second. */
export function consistencyProofRanges(first: number, second: number): LeafRange[] {
  checkSize(first, 'first');
  checkSize(second, 'second');
  if (first === 0 || first > second) throw new RangeError(`consistency proof needs 0 < first ≤ second, got ${first}, ${second}`);
  const out: LeafRange[] = [];
  if (first < second) subproof(first, 0, second, true, out);
  return out;
}

// SUBPROOF(m, D[start:end], b) with m relative to start.
function subproof(m: number, start: number, end: number, isOriginal: boolean, out: LeafRange[]): void {
  const n = end - start;
  if (m === n) {
    if (!isOriginal) out.push({ start, end });
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, start, start + k, isOriginal, out);
    out.push({ start: start + k, end });
  } else {
    subproof(m - k, start + k, end, false, out);
    out.push({ start, end: start + k });
  }
}
