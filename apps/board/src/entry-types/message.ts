import { messagePayload, SEED_ENTRY_TYPES, type MessagePayload } from '@ostraka/protocol/log';
import { BoardError, forbidden, invalid, notFound, wrongState } from '../errors.js';
import type { EntryContext, EntryTypeDefinition } from './entry-type.js';

async function openCycle({ payload, state }: EntryContext<MessagePayload>) {
  const peer = await state.peer(payload.peer_id);
  const cycle = await state.cycle(payload.peer_id, payload.cycle_id);
  if (!peer || !cycle) throw notFound(`no cycle ${payload.cycle_id} of peer ${payload.peer_id}`);
  return { peer, cycle };
}

async function store(ctx: EntryContext<MessagePayload>) {
  const { payload: m, state, index } = ctx;
  await state.insertMessage({
    id: index,
    peerId: m.peer_id,
    cycleId: m.cycle_id,
    box: m.box,
    sender: m.sender,
    recipient: m.recipient,
    data: m.data,
    chunk: m.chunk ?? null,
  });
  return index;
}

/**
 * `POST /peers/:peer_id/cycles/:cycle_id/inbox`: any registered author sends a message, signed
 * by itself (`sender` is its key id), to an OPEN cycle that is not full (`size_max`).
 */
export const messageInbox: EntryTypeDefinition<MessagePayload> = {
  type: SEED_ENTRY_TYPES.messageInbox,
  payload: messagePayload,
  check({ payload, signer }) {
    if (payload.box !== 0) throw invalid('inbox messages have box 0');
    if (payload.recipient !== payload.peer_id) throw invalid('an inbox message is addressed to the peer itself (recipient = peer_id)');
    if (payload.chunk !== undefined) throw invalid('chunked documents go to the outbox');
    if (payload.sender !== signer) throw forbidden('sender must be the signer');
  },
  async validate(ctx) {
    const { cycle, peer } = await openCycle(ctx);
    if (cycle.status !== 'OPEN') throw wrongState(`cycle ${cycle.cycleId} is ${cycle.status}: its inbox accepts no more messages`);
    if (cycle.inboxSize >= peer.sizeMax) throw new BoardError(409, 'CYCLE_FULL', `cycle ${cycle.cycleId} already holds size_max = ${peer.sizeMax} messages`);
  },
  async apply(ctx) {
    const { payload: m, state } = ctx;
    const cycle = await state.cycle(m.peer_id, m.cycle_id);
    await state.updateCycle(m.peer_id, m.cycle_id, { inboxSize: (cycle?.inboxSize ?? 0) + 1 });
    return store(ctx);
  },
};

/**
 * `POST /peers/:peer_id/cycles/:cycle_id/outbox`: the peer posts its processing results to a
 * CLOSED cycle. A large result goes as a chunked document: chunks `0 … count-1` of `doc`, in order.
 */
export const messageOutbox: EntryTypeDefinition<MessagePayload> = {
  type: SEED_ENTRY_TYPES.messageOutbox,
  payload: messagePayload,
  signers: ['peer'],
  check({ payload, signer }) {
    if (payload.box !== 1) throw invalid('outbox messages have box 1');
    if (payload.sender !== payload.peer_id || signer !== payload.peer_id) throw forbidden('only the peer itself posts to its outbox (sender = peer_id = signer)');
  },
  async validate(ctx) {
    const { cycle } = await openCycle(ctx);
    if (cycle.status !== 'CLOSED') throw wrongState(`cycle ${cycle.cycleId} is ${cycle.status}: the outbox takes results only while the cycle is CLOSED`);
    const chunk = ctx.payload.chunk;
    if (chunk) {
      const last = await ctx.state.lastChunk(ctx.payload.peer_id, ctx.payload.cycle_id, chunk.doc);
      const expected = last ? last.index + 1 : 0;
      if (last && last.count !== chunk.count) throw new BoardError(409, 'CHUNK_ORDER', `document "${chunk.doc}" has ${last.count} chunks, not ${chunk.count}`);
      if (last && expected >= last.count) throw new BoardError(409, 'CHUNK_ORDER', `document "${chunk.doc}" is complete`);
      if (chunk.index !== expected) throw new BoardError(409, 'CHUNK_ORDER', `the next chunk of document "${chunk.doc}" is ${expected}, not ${chunk.index}`);
    }
  },
  async apply(ctx) {
    const { payload: m, state } = ctx;
    const cycle = await state.cycle(m.peer_id, m.cycle_id);
    await state.updateCycle(m.peer_id, m.cycle_id, { outboxSize: (cycle?.outboxSize ?? 0) + 1 });
    return store(ctx);
  },
};
