import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { checkBytes, concatBytes, toHex, u32be, utf8 } from './bytes.js';
import { csprng, type RandomSource } from './random.js';

/**
 * Ed25519 signatures of every author (authority, trustee, mix server, voter credential).
 * A signature never covers bare payload bytes: the signed message is
 * `u32be(len(domain)) ‖ domain ‖ payload` with a domain that names what is signed, so a
 * signature on one kind of object can never be replayed as another (docs/crypto.md §Signatures).
 */
export interface SigningKey {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function generateSigningKey(rng: RandomSource = csprng): SigningKey {
  const secretKey = rng(32);
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function signingKeyFromSecret(secretKey: Uint8Array): SigningKey {
  checkBytes(secretKey, 'secretKey', 32);
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function signedMessage(domain: string, payload: Uint8Array): Uint8Array {
  const d = utf8(domain);
  return concatBytes(u32be(d.length), d, payload);
}

export function sign(key: SigningKey, domain: string, payload: Uint8Array): Uint8Array {
  return ed25519.sign(signedMessage(domain, payload), key.secretKey);
}

/**
 * Strict verification (RFC 8032 with `zip215: false`: canonical encodings only, as the
 * noble-curves README advises for consensus-like uses). Any malformed input is `false`.
 */
export function verifySignature(publicKey: Uint8Array, domain: string, payload: Uint8Array, signature: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, signedMessage(domain, payload), publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** A short fingerprint of a public key to compare out of band: first 10 bytes of SHA-256, grouped. */
export function fingerprint(publicKey: Uint8Array): string {
  return (toHex(sha256(publicKey).subarray(0, 10)).match(/.{4}/g) as string[]).join(':');
}
