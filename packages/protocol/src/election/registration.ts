import { toHex, type SigningKey } from '@ostraka/crypto';
import { z } from 'zod';
import { keyId } from '../log/key-id.js';
import { signKeyPossession } from '../log/negotiation.js';

/**
 * What a party hands the board authority to be registered as a peer: its public key and a proof
 * that it holds the secret key, bound to the board (docs/api.md §4.1). The party makes it where
 * its key lives (a mix server, a trustee's laptop); the authority signs the registration.
 */
export const peerRegistrationSchema = z.strictObject({
  type: z.literal('peer.registration'),
  board: z.string().regex(/^[0-9a-f]{32}$/),
  key_data: z.string().regex(/^[0-9a-f]{64}$/),
  key_id: z.string().regex(/^[0-9a-f]{32}$/),
  key_proof: z.string().regex(/^[0-9a-f]{128}$/),
  name: z.string().min(1).max(128),
  peer_type: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
});
export type PeerRegistration = z.infer<typeof peerRegistrationSchema>;

export function peerRegistration(key: SigningKey, board: string, name: string, peerType: string): PeerRegistration {
  const id = keyId(key.publicKey);
  return { type: 'peer.registration', board, key_data: toHex(key.publicKey), key_id: id, key_proof: signKeyPossession(key, board, id), name, peer_type: peerType };
}
