/**
 * The signed files of the key ceremony and decryption (docs/crypto.md §8.9, docs/trustee-guide.md
 * §File formats): `{"payload": P, "signature": σ}` with σ the Ed25519 signature of
 * `frame("ostraka-v1/" ‖ P.type, canonicalJSON(P))` by the author's signing key.
 */
import { canonicalJson, isRecord, type Json } from '../encoding/canonical-json.js';
import { utf8 } from '../encoding/bytes.js';
import { parseHex } from '../encoding/hex.js';
import { fieldsProblem } from '../encoding/shape.js';
import { verifyDomainSignature } from '../log/ed25519.js';

export interface SignedFile {
  payload: Record<string, Json>;
  signature: Uint8Array;
}

/** The envelope of a file of type `type`, or the reason it is not one. */
export function readSignedFile(value: Json, type: string): SignedFile | string {
  const shape = fieldsProblem(value, ['payload', 'signature']);
  if (shape || !isRecord(value)) return shape ?? 'not an object';
  const payload = value.payload;
  if (!isRecord(payload)) return 'payload is not an object';
  if (payload.type !== type) return `payload.type is not ${type}`;
  const signature = parseHex(value.signature, 64);
  if (!signature) return 'signature is not 64 bytes of hex';
  if (canonicalJson(payload) === null) return 'payload is not canonical JSON material (a float or an unsafe integer)';
  return { payload, signature };
}

export function fileSignatureHolds(file: SignedFile, signingKey: Uint8Array): boolean {
  return verifyDomainSignature(signingKey, `ostraka-v1/${String(file.payload.type)}`, utf8(canonicalJson(file.payload)!), file.signature);
}
