import { createHash } from 'node:crypto';

/**
 * An independent recomputation of RFC 9162 trees for the tests, written against node:crypto
 * rather than the protocol package: MTH, PATH and PROOF straight from the RFC's definitions.
 */
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

export const leafOf = (data: Uint8Array) => sha256(new Uint8Array([0]), data);

export function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return sha256(new Uint8Array([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function path(m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

export function proof(m: number, leaves: Uint8Array[], original = true): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return original ? [] : [mth(leaves)];
  const k = split(n);
  return m <= k
    ? [...proof(m, leaves.slice(0, k), original), mth(leaves.slice(k))]
    : [...proof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Canonical JSON as RFC 8785 for the values the board emits (sorted keys, no spaces, safe integers). */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/** The leaf hash of a served entry, recomputed from its fields (docs/transcript.md §Entries). */
export function entryLeaf(e: { index: number; type: string; signer: string; author: string; payload: unknown; signature: string; received: number }): Uint8Array {
  const text = canonical({ author: e.author, index: e.index, payload: e.payload, received: e.received, signature: e.signature, signer: e.signer, type: e.type, v: 1 });
  return leafOf(new TextEncoder().encode(text));
}
