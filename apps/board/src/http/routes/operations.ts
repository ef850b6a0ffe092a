import { Hono } from 'hono';
import { fingerprint, toHex } from '@ostraka/crypto';
import type { BoardServices } from '../services.js';

/** Health, metrics and the board's public description. */
export function operationRoutes(s: BoardServices): Hono {
  const r = new Hono();
  r.get('/healthz', (c) => {
    const head = s.head();
    const closing = s.isClosing();
    return c.json({ status: closing ? 'closing' : 'ok', tree_size: head.size, head_timestamp: head.timestamp }, closing ? 503 : 200);
  });
  r.get('/metrics', (c) => c.text(s.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }));
  r.get('/board', (c) =>
    c.json({
      board_id: s.identity.id,
      public_key: toHex(s.identity.publicKey),
      key_id: s.identity.keyId,
      fingerprint: fingerprint(s.identity.publicKey),
      authority_key: toHex(s.identity.authorityKey),
      authority_key_id: s.identity.authorityKeyId,
      tree_size: s.head().size,
      entry_types: s.registry.list(),
      limits: { max_body_bytes: s.limits.maxBodyBytes, page_limit: s.limits.pageLimit },
    }),
  );
  return r;
}
