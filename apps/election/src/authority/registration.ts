import type { BoardClient, WriteReceipt } from '@ostraka/board/client';
import type { SigningKey } from '@ostraka/crypto';
import type { PeerRegistration } from '@ostraka/protocol';
import { SEED_ENTRY_TYPES, type JsonObject } from '@ostraka/protocol/log';

export { peerRegistration, peerRegistrationSchema, type PeerRegistration } from '@ostraka/protocol';

/** Signs `POST /peers` for a registration request, with the board authority's key. */
export function registerPeer(client: BoardClient, boardAuthority: SigningKey, r: PeerRegistration, size = { min: 0, max: 1_000_000_000 }): Promise<WriteReceipt> {
  const payload: JsonObject = {
    operation: 'create',
    resource: 'peer',
    key_data: r.key_data,
    key_id: r.key_id,
    key_type: 1,
    name: r.name,
    peer_type: r.peer_type,
    size_min: size.min,
    size_max: size.max,
    key_proof: r.key_proof,
  };
  return client.write(boardAuthority, '/peers', SEED_ENTRY_TYPES.peerCreate, payload);
}
