import { Hono } from 'hono';
import { BoardHttpError } from '@ostraka/board/client';
import { VOTER_KIND, type ElectionStatus } from '@ostraka/election';
import type { WebServices } from '../services.js';
import { boothPage, missingElectionPage, receiptPage } from './booth-pages.js';

/**
 * The voters' pages: the booth `/vote/:id` and the receipt check `/receipt`. They are public; all
 * the cryptography runs in the voter's browser (the booth script), and the board sees only the
 * encrypted, signed ballot.
 */
export function boothRoutes(s: WebServices): Hono {
  const r = new Hono();
  r.get('/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return c.html(missingElectionPage(id).value, 404);
    let status: ElectionStatus;
    try {
      status = await s.client.request<ElectionStatus>('GET', `/elections/${id}`);
    } catch (e) {
      if (e instanceof BoardHttpError && e.status === 404) return c.html(missingElectionPage(id).value, 404);
      throw e;
    }
    return c.html(boothPage(status).value);
  });

  // Whether a credential (derived in the browser from the code) is registered, before the voter fills the ballot.
  // A code derives a different key for every election, so a voter credential of this key id can only be this election's.
  r.get('/:id/credentials/:keyId', async (c) => {
    const keyId = c.req.param('keyId');
    if (!/^[0-9a-f]{32}$/.test(keyId)) return c.json({ error: { code: 'INVALID_REQUEST', message: 'a key id is 32 hex digits' } }, 400);
    const author = await s.board.reader.author(keyId);
    return c.json({ registered: author?.kind === VOTER_KIND });
  });
  return r;
}

export function receiptRoutes(): Hono {
  const r = new Hono();
  r.get('/', (c) => c.html(receiptPage().value));
  return r;
}
