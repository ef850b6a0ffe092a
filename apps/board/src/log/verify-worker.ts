import { verifySignature } from '@ostraka/crypto';

/**
 * A batch of Ed25519 checks in packed buffers (no arrays of objects cross the thread boundary):
 * item i has public key `keys[32i‥32i+32]`, signature `signatures[64i‥64i+64]`, the signed payload
 * `payloads[ends[i-1]‥ends[i]]` and domain `domains[i]`.
 */
export interface VerifyBatch {
  keys: Uint8Array;
  signatures: Uint8Array;
  payloads: Uint8Array;
  ends: Uint32Array;
  domains: string[];
}

/** Piscina task: one byte per item, 1 when the signature verifies (strict RFC 8032, as `verifySignature`). */
export default function verifyBatch(batch: VerifyBatch): Uint8Array {
  const n = batch.domains.length;
  const out = new Uint8Array(n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = batch.ends[i];
    out[i] = verifySignature(
      batch.keys.subarray(32 * i, 32 * i + 32),
      batch.domains[i],
      batch.payloads.subarray(start, end),
      batch.signatures.subarray(64 * i, 64 * i + 64),
    )
      ? 1
      : 0;
    start = end;
  }
  return out;
}
