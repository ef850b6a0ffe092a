/**
 * A man in the middle (or a board's front end) that answers like the board it forwards to,
 * except for what it changes: the JSON responses it rewrites, and the requests it alters, drops
 * or answers itself. The "lying board" or network attacker a client talks to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Rewrite = (path: string, body: any) => any;

/** What to do with a request: forward it (possibly altered), or answer it without forwarding. */
export type RequestHook = (method: string, path: string, body: Buffer) => { forward: Buffer } | { respond: { status: number; json: unknown } };

export async function lyingProxy(target: string, rewrite: Rewrite = (_, b) => b, onRequest?: RequestHook): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Buffer = Buffer.concat(chunks);
    const decision = onRequest?.(req.method ?? 'GET', req.url ?? '', body);
    if (decision && 'respond' in decision) {
      res.writeHead(decision.respond.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(decision.respond.json));
      return;
    }
    if (decision) body = decision.forward;
    const upstream = await fetch(target + req.url, {
      method: req.method,
      headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
      body: body.length ? new Uint8Array(body) : undefined,
    });
    let text = await upstream.text();
    if ((upstream.headers.get('content-type') ?? '').includes('json')) text = JSON.stringify(rewrite(req.url ?? '', JSON.parse(text)));
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
