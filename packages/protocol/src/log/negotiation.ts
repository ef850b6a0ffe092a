import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, sign, signedMessage, toHex, verifySignature, type SigningKey } from '@ostraka/crypto';
import { canonicalJsonBytes } from '../canonical-json.js';

/** Domain of a participant's signature over a negotiated text. */
export const NEGOTIATION_TEXT_DOMAIN = 'ostraka-negotiation-text-v1';
/** Domain of the consensus id hash. */
export const CONSENSUS_DOMAIN = 'ostraka-consensus-v1';
/** Domain of a key-possession proof in a peer registration. */
export const KEY_POSSESSION_DOMAIN = 'ostraka-key-possession-v1';

/** `canonicalJson({board, negotiation_id, text})`: a text signature is valid for one negotiation on one board. */
export function negotiationTextBytes(board: string, negotiationId: string, text: string): Uint8Array {
  return canonicalJsonBytes({ board, negotiation_id: negotiationId, text });
}

export function signNegotiationText(key: SigningKey, board: string, negotiationId: string, text: string): string {
  return toHex(sign(key, NEGOTIATION_TEXT_DOMAIN, negotiationTextBytes(board, negotiationId, text)));
}

export function verifyNegotiationText(publicKey: Uint8Array, board: string, negotiationId: string, text: string, signatureHex: string): boolean {
  try {
    return verifySignature(publicKey, NEGOTIATION_TEXT_DOMAIN, negotiationTextBytes(board, negotiationId, text), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}

/**
 * The consensus id: `SHA-256(u32be(20) ‖ "ostraka-consensus-v1" ‖ canonicalJson({board,
 * negotiation_id, signings, text}))`, hex. It commits to the agreed text and to every
 * participant's signature on it, so it names the agreement and serves as its authorisation.
 */
export function consensusId(board: string, negotiationId: string, text: string, signings: Record<string, string>): string {
  return toHex(sha256(signedMessage(CONSENSUS_DOMAIN, canonicalJsonBytes({ board, negotiation_id: negotiationId, signings, text }))));
}

/** `canonicalJson({board, key_id})`, signed by a key to prove its holder asked for its registration on that board. */
export function keyPossessionBytes(board: string, keyIdHex: string): Uint8Array {
  return canonicalJsonBytes({ board, key_id: keyIdHex });
}

export function signKeyPossession(key: SigningKey, board: string, keyIdHex: string): string {
  return toHex(sign(key, KEY_POSSESSION_DOMAIN, keyPossessionBytes(board, keyIdHex)));
}

export function verifyKeyPossession(publicKey: Uint8Array, board: string, keyIdHex: string, signatureHex: string): boolean {
  try {
    return verifySignature(publicKey, KEY_POSSESSION_DOMAIN, keyPossessionBytes(board, keyIdHex), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}
