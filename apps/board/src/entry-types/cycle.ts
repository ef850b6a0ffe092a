import {
  cycleCreatePayload,
  cycleUpdatePayload,
  SEED_ENTRY_TYPES,
  type CycleCreatePayload,
  type CycleUpdatePayload,
} from '@ostraka/protocol/log';
import { conflict, forbidden, notFound, wrongState } from '../errors.js';
import type { EntryTypeDefinition } from './entry-type.js';

/** `POST /peers/:peer_id/cycles`: the peer opens its next cycle (ids 1, 2, …, in order). */
export const cycleCreate: EntryTypeDefinition<CycleCreatePayload> = {
  type: SEED_ENTRY_TYPES.cycleCreate,
  payload: cycleCreatePayload,
  signers: ['peer'],
  async validate({ payload, signer, state }) {
    if (signer !== payload.peer_id) throw forbidden('only the peer itself can open its cycles');
    if (!(await state.peer(payload.peer_id))) throw notFound(`no peer ${payload.peer_id}`);
    const next = (await state.lastCycleId(payload.peer_id)) + 1;
    if (payload.cycle_id !== next) throw conflict(`the next cycle of this peer is ${next}, not ${payload.cycle_id}`);
  },
  async apply({ payload, state, index }) {
    await state.insertCycle({ peerId: payload.peer_id, cycleId: payload.cycle_id, status: 'OPEN', inboxSize: 0, outboxSize: 0, entry: index });
    return payload.cycle_id;
  },
};

/**
 * `POST /peers/:peer_id/cycles/:cycle_id`: one-way transitions OPEN → CLOSED (the inbox stops
 * accepting messages; needs at least `size_min` of them) → PROCESSED (the outbox is final; no
 * chunked document may be incomplete).
 */
export const cycleUpdate: EntryTypeDefinition<CycleUpdatePayload> = {
  type: SEED_ENTRY_TYPES.cycleUpdate,
  payload: cycleUpdatePayload,
  signers: ['peer'],
  async validate({ payload, signer, state }) {
    if (signer !== payload.peer_id) throw forbidden('only the peer itself can update its cycles');
    const peer = await state.peer(payload.peer_id);
    const cycle = await state.cycle(payload.peer_id, payload.cycle_id);
    if (!peer || !cycle) throw notFound(`no cycle ${payload.cycle_id} of peer ${payload.peer_id}`);
    if (payload.action === 'close') {
      if (cycle.status !== 'OPEN') throw wrongState(`cycle ${cycle.cycleId} is ${cycle.status}, only an OPEN cycle can be closed`);
      if (cycle.inboxSize < peer.sizeMin) throw wrongState(`the inbox holds ${cycle.inboxSize} messages, fewer than size_min ${peer.sizeMin}`);
    } else {
      if (cycle.status !== 'CLOSED') throw wrongState(`cycle ${cycle.cycleId} is ${cycle.status}, only a CLOSED cycle can be processed`);
      const open = await state.incompleteChunkDocs(payload.peer_id, payload.cycle_id);
      if (open.length > 0) throw wrongState(`outbox documents still missing chunks: ${open.join(', ')}`);
    }
  },
  async apply({ payload, state }) {
    await state.updateCycle(payload.peer_id, payload.cycle_id, { status: payload.action === 'close' ? 'CLOSED' : 'PROCESSED' });
    return payload.cycle_id;
  },
};
