import type { SigningKey } from '@ostraka/crypto';
import { signEntryStatement, type JsonObject } from './entry.js';
import { keyId } from './key-id.js';
import type { Envelope } from './wire.js';

/**
 * Builds a signed request envelope `{payload, signer, signature}` for a write of `type` to the
 * board `board`. Each route of the API fixes its type (docs/api.md); the type is signed, not sent.
 */
export function signEnvelope(key: SigningKey, board: string, type: string, payload: JsonObject): Envelope {
  const signer = keyId(key.publicKey);
  return { payload, signer, signature: signEntryStatement(key, { board, type, signer, payload }) };
}
