import { fromHex, sign, toHex, verifySignature, type SigningKey } from '@ostraka/crypto';
import { z } from 'zod';
import { canonicalJsonBytes, type Json } from '../canonical-json.js';
import { hexOfLength } from './hex.js';

/**
 * Every file a trustee posts is `{payload, signature}`: an Ed25519 signature by the trustee's
 * signing key over canonicalJson(payload), in the domain `ostraka-v1/<payload.type>` (so a
 * signature on one kind of file is never valid on another). The payload names its type, its
 * election and its author's index (docs/trustee-guide.md §File formats).
 */
export interface SignedFile<P> {
  readonly payload: P;
  /** 64 bytes, hex. */
  readonly signature: string;
}

export type TypedPayload = { readonly type: string } & { readonly [key: string]: Json };

export function signatureDomain(type: string): string {
  return `ostraka-v1/${type}`;
}

export function signPayload<P extends TypedPayload>(key: SigningKey, payload: P): SignedFile<P> {
  return { payload, signature: toHex(sign(key, signatureDomain(payload.type), canonicalJsonBytes(payload))) };
}

export function verifyPayloadSignature(publicKey: Uint8Array, file: SignedFile<TypedPayload>): boolean {
  let signature: Uint8Array;
  try {
    signature = fromHex(file.signature, 'signature', 64);
  } catch {
    return false;
  }
  return verifySignature(publicKey, signatureDomain(file.payload.type), canonicalJsonBytes(file.payload), signature);
}

/** `{payload, signature}` with nothing else: an unknown key is an error, not silently dropped. */
export function signedFileSchema<P extends z.ZodType>(payload: P) {
  return z.strictObject({ payload, signature: hexOfLength(64) });
}
