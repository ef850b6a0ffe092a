import { Hono } from 'hono';
import { SEED_ENTRY_TYPES, type CycleCreatePayload, type CycleUpdatePayload, type MessagePayload } from '@ostraka/protocol/log';
import { notFound } from '../../errors.js';
import { readJsonBody } from '../json-body.js';
import { pageLimit, peerIdParam, positive, samePath, uint } from '../params.js';
import { cycleJson, messageJson, peerJson, receiptJson } from '../representations.js';
import type { BoardServices } from '../services.js';

/** Seed §4.3.2–4.3.4: peers, their cycles, and the cycles' inbox and outbox. */
export function peerRoutes(s: BoardServices): Hono {
  const r = new Hono();

  r.get('/', async (c) => {
    const after = c.req.query('after');
    const peers = await s.reader.peers({ after: after === undefined ? undefined : peerIdParam(after), limit: pageLimit(c.req.query('limit'), s.limits.pageLimit) });
    return c.json(peers.map(peerJson));
  });

  r.post('/', async (c) => c.json(receiptJson(await s.submit(SEED_ENTRY_TYPES.peerCreate, await readJsonBody(c, s.limits.maxBodyBytes))), 201));

  r.get('/:peer_id', async (c) => {
    const peer = await s.reader.peer(peerIdParam(c.req.param('peer_id')));
    if (!peer) throw notFound('no such peer');
    return c.json(peerJson(peer));
  });

  r.get('/:peer_id/cycles', async (c) => {
    const peerId = peerIdParam(c.req.param('peer_id'));
    if (!(await s.reader.peer(peerId))) throw notFound('no such peer');
    return c.json((await s.reader.cycles(peerId)).map(cycleJson));
  });

  r.post('/:peer_id/cycles', async (c) => {
    const peerId = peerIdParam(c.req.param('peer_id'));
    const receipt = await s.submit(SEED_ENTRY_TYPES.cycleCreate, await readJsonBody(c, s.limits.maxBodyBytes), (p: CycleCreatePayload) => samePath('peer_id', p.peer_id, peerId));
    return c.json(receiptJson(receipt), 201);
  });

  r.get('/:peer_id/cycles/:cycle_id', async (c) => {
    const cycle = await s.reader.cycle(peerIdParam(c.req.param('peer_id')), positive(c.req.param('cycle_id'), 'cycle_id'));
    if (!cycle) throw notFound('no such cycle');
    return c.json(cycleJson(cycle));
  });

  r.post('/:peer_id/cycles/:cycle_id', async (c) => {
    const peerId = peerIdParam(c.req.param('peer_id'));
    const cycleId = positive(c.req.param('cycle_id'), 'cycle_id');
    const receipt = await s.submit(SEED_ENTRY_TYPES.cycleUpdate, await readJsonBody(c, s.limits.maxBodyBytes), (p: CycleUpdatePayload) => {
      samePath('peer_id', p.peer_id, peerId);
      samePath('cycle_id', p.cycle_id, cycleId);
    });
    return c.json(receiptJson(receipt), 201);
  });

  for (const [name, box, type] of [
    ['inbox', 0, SEED_ENTRY_TYPES.messageInbox],
    ['outbox', 1, SEED_ENTRY_TYPES.messageOutbox],
  ] as const) {
    r.get(`/:peer_id/cycles/:cycle_id/${name}`, async (c) => {
      const peerId = peerIdParam(c.req.param('peer_id'));
      const cycleId = positive(c.req.param('cycle_id'), 'cycle_id');
      if (!(await s.reader.cycle(peerId, cycleId))) throw notFound('no such cycle');
      const after = c.req.query('after') === undefined ? undefined : uint(c.req.query('after'), 'after');
      const limit = pageLimit(c.req.query('limit'), s.limits.pageLimit);
      const messages = await s.reader.messages({ peerId, cycleId, box, after, limit, maxBytes: s.limits.pageBytes });
      return c.json(messages.map(messageJson));
    });

    r.post(`/:peer_id/cycles/:cycle_id/${name}`, async (c) => {
      const peerId = peerIdParam(c.req.param('peer_id'));
      const cycleId = positive(c.req.param('cycle_id'), 'cycle_id');
      const receipt = await s.submit(type, await readJsonBody(c, s.limits.maxBodyBytes), (p: MessagePayload) => {
        samePath('peer_id', p.peer_id, peerId);
        samePath('cycle_id', p.cycle_id, cycleId);
        samePath('box', p.box, box);
      });
      return c.json(receiptJson(receipt), 201);
    });
  }

  return r;
}
