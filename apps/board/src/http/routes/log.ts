import { Hono } from 'hono';
import { fromHex } from '@ostraka/crypto';
import { entryTypeSchema } from '@ostraka/protocol/log';
import { BoardError, notFound } from '../../errors.js';
import { consistencyProof, inclusionProof } from '../../log/proofs.js';
import { readJsonBody } from '../json-body.js';
import { hashParam, pageLimit, positive, uint } from '../params.js';
import { entryJson, receiptJson } from '../representations.js';
import type { BoardServices } from '../services.js';

/** The log itself: signed tree heads, entries, proofs, and writes of extension entry types. */
export function logRoutes(s: BoardServices): Hono {
  const r = new Hono();

  r.get('/head', (c) => c.json(s.head()));

  r.get('/heads', async (c) => {
    const after = c.req.query('after') === undefined ? undefined : uint(c.req.query('after'), 'after');
    const limit = pageLimit(c.req.query('limit'), s.limits.pageLimit);
    const heads = await s.reader.heads({ after, limit });
    return c.json({ heads, next_after: heads.length === limit ? heads[heads.length - 1].size : null });
  });

  r.get('/heads/:size', async (c) => {
    const head = await s.reader.head(uint(c.req.param('size'), 'size'));
    if (!head) throw notFound('the board signed no head of that size (heads exist for the sizes at which a batch was committed)');
    return c.json(head);
  });

  r.get('/entries', async (c) => {
    const size = s.head().size;
    const start = uint(c.req.query('start'), 'start', 0);
    const end = Math.min(uint(c.req.query('end'), 'end', start + s.limits.pageLimit), start + s.limits.pageLimit, size);
    const entries = start < end ? await s.reader.entries(start, end, s.limits.pageBytes) : [];
    const reached = start + entries.length;
    return c.json({ entries: entries.map(entryJson), next: reached < size ? reached : null });
  });

  r.get('/entries/:index', async (c) => {
    const index = uint(c.req.param('index'), 'index');
    const entry = index < s.head().size ? await s.reader.entry(index) : null;
    if (!entry) throw notFound(`no entry ${index}`);
    return c.json(entryJson(entry));
  });

  r.get('/types/:type/entries', async (c) => {
    const type = entryTypeSchema.safeParse(c.req.param('type'));
    if (!type.success) throw new BoardError(400, 'INVALID_REQUEST', 'type: expected an entry type such as "message.inbox"');
    const election = c.req.query('election');
    const limit = pageLimit(c.req.query('limit'), s.limits.pageLimit);
    const after = c.req.query('after') === undefined ? undefined : uint(c.req.query('after'), 'after');
    const entries = await s.reader.entriesByType({ type: type.data, election, after, limit, maxBytes: s.limits.pageBytes });
    // A page cut short by the byte cap still has a next page; a short page otherwise is the last.
    const last = entries.length > 0 ? entries[entries.length - 1].index : null;
    const more = last !== null && (entries.length === limit || (await s.reader.entriesByType({ type: type.data, election, after: last, limit: 1 })).length > 0);
    return c.json({ entries: entries.map(entryJson), next_after: more ? last : null });
  });

  r.get('/proof/inclusion', async (c) => {
    const committed = s.head().size;
    const size = c.req.query('size') === undefined ? committed : positive(c.req.query('size'), 'size');
    let index: number;
    const leaf = c.req.query('leaf_hash');
    if (leaf !== undefined) {
      const found = await s.reader.entryIndexByLeafHash(fromHex(hashParam(leaf, 'leaf_hash'), 'leaf_hash', 32));
      if (found === null || found >= committed) throw notFound('no entry has that leaf hash');
      index = found;
    } else index = uint(c.req.query('index'), 'index');
    return c.json(await inclusionProof(s.reader, index, size, committed));
  });

  r.get('/proof/consistency', async (c) => {
    const committed = s.head().size;
    const first = positive(c.req.query('first'), 'first');
    const second = c.req.query('second') === undefined ? committed : positive(c.req.query('second'), 'second');
    return c.json(await consistencyProof(s.reader, first, second, committed));
  });

  // Entry types registered by extensions (the election); seed types have their own routes.
  r.post('/entries/:type', async (c) => {
    const t = s.registry.get(c.req.param('type'));
    if (!t || t.builtin) throw new BoardError(404, 'UNKNOWN_TYPE', `no extension entry type "${c.req.param('type')}" (seed API types are written through their own routes)`);
    const receipt = await s.submit(t.definition.type, await readJsonBody(c, s.limits.maxBodyBytes));
    return c.json(receiptJson(receipt), 201);
  });

  return r;
}
