import { fromHex } from '@ostraka/crypto';
import { canonicalJson } from '@ostraka/protocol';
import {
  KEY_POSSESSION_DOMAIN,
  keyId,
  keyPossessionBytes,
  peerCreatePayload,
  SEED_ENTRY_TYPES,
  type PeerCreatePayload,
} from '@ostraka/protocol/log';
import { BoardError, conflict, forbidden, invalid } from '../errors.js';
import type { EntryTypeDefinition } from './entry-type.js';

/**
 * The prescription a consensus must agree on, word for word, to create a peer without the
 * authority: canonical JSON of the peer's fields (docs/api.md §Peers).
 */
export function peerPrescription(p: PeerCreatePayload): string {
  return canonicalJson({
    operation: 'create',
    resource: 'peer',
    key_data: p.key_data,
    key_id: p.key_id,
    key_type: p.key_type,
    name: p.name,
    peer_type: p.peer_type,
    size_min: p.size_min,
    size_max: p.size_max,
  });
}

/** `POST /peers`: registers a peer and its key as an author. */
export const peerCreate: EntryTypeDefinition<PeerCreatePayload> = {
  type: SEED_ENTRY_TYPES.peerCreate,
  payload: peerCreatePayload,
  signers: ['authority', 'peer'],
  async check({ payload, board, verify }) {
    const key = fromHex(payload.key_data, 'key_data', 32);
    if (payload.key_id !== keyId(key)) throw invalid('key_id must be the first 16 bytes of SHA-256(key_data), in hex');
    const proof = fromHex(payload.key_proof, 'key_proof', 64);
    if (!(await verify(key, KEY_POSSESSION_DOMAIN, keyPossessionBytes(board.id, payload.key_id), proof)))
      throw new BoardError(400, 'BAD_KEY_PROOF', 'key_proof is not a signature by key_data over {board, key_id}');
  },
  async validate({ payload, signer, author, state }) {
    if (payload.consensus_id === undefined) {
      if (author.kind !== 'authority') throw forbidden('only the authority, or a consensus of peers (consensus_id), can create a peer');
    } else {
      const agreed = await state.consensus(payload.consensus_id);
      if (!agreed) throw conflict(`no consensus ${payload.consensus_id}`);
      if (agreed.usedBy !== null) throw conflict(`consensus ${payload.consensus_id} already authorised entry ${agreed.usedBy}`);
      if (agreed.text !== peerPrescription(payload)) throw conflict('the consensus text is not this peer prescription (docs/api.md §Peers)');
      if (!(signer in agreed.signings)) throw forbidden('only a participant of the consensus can submit what it authorises');
    }
    if (await state.author(payload.key_id)) throw conflict(`key ${payload.key_id} is already registered`);
  },
  async apply({ payload, state, index }) {
    let owners: string[] = [];
    if (payload.consensus_id !== undefined) {
      const agreed = await state.consensus(payload.consensus_id);
      owners = Object.keys(agreed?.signings ?? {}).sort();
      await state.markConsensusUsed(payload.consensus_id, index);
    }
    await state.insertPeer({
      peerId: payload.key_id,
      name: payload.name,
      peerType: payload.peer_type,
      keyType: payload.key_type,
      keyData: payload.key_data,
      sizeMin: payload.size_min,
      sizeMax: payload.size_max,
      owners,
      consensusId: payload.consensus_id ?? null,
      status: 'READY',
      entry: index,
    });
    await state.insertAuthor({ keyId: payload.key_id, publicKey: fromHex(payload.key_data, 'key_data', 32), kind: 'peer', entry: index });
    return payload.key_id;
  },
};
