/**
 * Ed25519 signatures as the documents specify them (docs/crypto.md §7.4): strict RFC 8032, not
 * ZIP-215: S < L, canonical R and A, small-order public keys refused, and the cofactored equation
 * [8][S]B = [8]R + [8][k]A (which @noble/curves' `ed25519.verify` with `zip215: false` checks).
 *
 * Speed: the platform's Ed25519 (OpenSSL, cofactorless) verifies about ten times faster. A
 * signature it accepts, with S < L and a canonical, not small-order A checked here first, also
 * satisfies the cofactored equation with a canonical R (OpenSSL compares R's bytes with a
 * canonical encoding); anything it refuses is decided by noble. So the verdict is exactly noble's.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToBigintLE, domainFrame } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { sha256 } from '../encoding/hash.js';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Decoded keys, by hex: a usable key object, or null when the key is refused. */
const keys = new Map<string, KeyObject | null>();

function keyObject(publicKey: Uint8Array): KeyObject | null {
  const id = toHex(publicKey);
  let k = keys.get(id);
  if (k === undefined) {
    k = null;
    try {
      const point = ed25519.Point.fromBytes(publicKey, false);
      if (!point.isSmallOrder()) k = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    } catch {
      k = null;
    }
    if (keys.size > 100_000) keys.clear();
    keys.set(id, k);
  }
  return k;
}

export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (bytesToBigintLE(signature.subarray(32)) >= L) return false;
  const key = keyObject(publicKey);
  if (key === null) return false;
  if (nodeVerify(null, message, key, signature)) return true;
  return ed25519.verify(signature, message, publicKey, { zip215: false });
}

/** A signature over `frame(domain, payload)` (docs/crypto.md §7.4). */
export function verifyDomainSignature(publicKey: Uint8Array, domain: string, payload: Uint8Array, signature: Uint8Array): boolean {
  return verifyEd25519(publicKey, domainFrame(domain, payload), signature);
}

/** Key id (docs/transcript.md §1): hex of the first 16 bytes of SHA-256 of the key. */
export function keyId(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey).subarray(0, 16));
}

/** Fingerprint (docs/crypto.md §7.4): the first 10 bytes of SHA-256, hex, in colon-separated groups of four. */
export function fingerprint(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey).subarray(0, 10)).match(/.{4}/g)!.join(':');
}
