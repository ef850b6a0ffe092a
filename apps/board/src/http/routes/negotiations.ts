import { Hono } from 'hono';
import { SEED_ENTRY_TYPES, type ContributionPayload } from '@ostraka/protocol/log';
import { notFound } from '../../errors.js';
import { readJsonBody } from '../json-body.js';
import { hashParam, samePath } from '../params.js';
import { consensusJson, negotiationJson, receiptJson } from '../representations.js';
import type { BoardServices } from '../services.js';

/** Seed §4.3.5: negotiations and consensus. */
export function negotiationRoutes(s: BoardServices): Hono {
  const r = new Hono();

  r.post('/', async (c) => c.json(receiptJson(await s.submit(SEED_ENTRY_TYPES.negotiationCreate, await readJsonBody(c, s.limits.maxBodyBytes))), 201));

  r.get('/:negotiation_id', async (c) => {
    const id = hashParam(c.req.param('negotiation_id'), 'negotiation_id');
    const n = await s.reader.negotiation(id);
    if (!n) throw notFound('no such negotiation');
    return c.json(negotiationJson(n, await s.reader.contributions(id)));
  });

  r.post('/:negotiation_id', async (c) => {
    const id = hashParam(c.req.param('negotiation_id'), 'negotiation_id');
    const receipt = await s.submit(SEED_ENTRY_TYPES.negotiationContribute, await readJsonBody(c, s.limits.maxBodyBytes), (p: ContributionPayload) =>
      samePath('negotiation_id', p.negotiation_id, id),
    );
    return c.json(receiptJson(receipt), 201);
  });

  return r;
}

export function consensusRoutes(s: BoardServices): Hono {
  const r = new Hono();
  r.get('/:consensus_id', async (c) => {
    const found = await s.reader.consensus(hashParam(c.req.param('consensus_id'), 'consensus_id'));
    if (!found) throw notFound('no such consensus');
    return c.json(consensusJson(found));
  });
  return r;
}
