import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { DecodeError } from '@ostraka/crypto';
import { BoardError } from '../errors.js';
import { rateLimit } from './rate-limit.js';
import { logRoutes } from './routes/log.js';
import { consensusRoutes, negotiationRoutes } from './routes/negotiations.js';
import { operationRoutes } from './routes/operations.js';
import { peerRoutes } from './routes/peers.js';
import type { BoardServices } from './services.js';

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // in-process requests (app.request) have no socket
  }
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * The board's HTTP application: seed API routes at the seed's paths, the log's routes under
 * `/log`, operations at the root. Every failure is `{"error": {"code", "message"}}` with a 4xx
 * (or a 503 while the storage is unavailable); an unexpected exception is logged and answered
 * with a generic 500 that reveals nothing.
 */
export function createApp(s: BoardServices): Hono {
  const app = new Hono();

  // Metrics and access log around everything, including refusals.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c, -1);
    s.metrics.request(c.req.method, route === '*' || route === '/*' ? 'unmatched' : route, c.res.status, seconds);
    if (s.logger.enabled('info'))
      s.logger.info('request', { method: c.req.method, route, path: c.req.path.slice(0, 200), status: c.res.status, ms: Math.round(seconds * 1e4) / 10 });
  });

  const limiter = rateLimit(s.limits.rateLimit, s.limits.rateBurst, clientAddress);
  app.use('*', async (c, next) => {
    if (c.req.path === '/healthz' || c.req.path === '/metrics') return next();
    return limiter(c, next);
  });

  // A declared oversized body is refused before anything reads it; bodies without a declared
  // length are counted while read (readJsonBody). Extension routes read bodies with readJsonBody too.
  app.use('*', async (c, next) => {
    const declared = Number(c.req.header('content-length'));
    const cap = s.bodyLimitFor(c.req.path);
    if (Number.isFinite(declared) && declared > cap) throw new BoardError(413, 'TOO_LARGE', `request bodies are limited to ${cap} bytes`);
    return next();
  });

  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && s.isClosing()) throw new BoardError(503, 'UNAVAILABLE', 'the board is shutting down');
    return next();
  });

  app.route('/', operationRoutes(s));
  app.route('/log', logRoutes(s));
  app.route('/peers', peerRoutes(s));
  app.route('/negotiations', negotiationRoutes(s));
  app.route('/consensus', consensusRoutes(s));

  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`), 404));

  app.onError((err, c) => {
    if (err instanceof BoardError) {
      if (c.req.method === 'POST' && err.status < 500) s.metrics.rejectedWrite(err.code);
      return c.json(errorBody(err.code, err.message), err.status);
    }
    if (err instanceof DecodeError) return c.json(errorBody('INVALID_REQUEST', err.message), 400);
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json(errorBody(status === 413 ? 'TOO_LARGE' : 'INVALID_REQUEST', err.message || 'bad request'), status);
    }
    s.logger.error('unexpected error', { route: routePath(c, -1), error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    return c.json(errorBody('INTERNAL', 'internal error'), 500);
  });

  return app;
}
