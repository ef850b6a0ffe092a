/**
 * A man in the middle (or a board's front end) that answers like the board it forwards to,
 * except for the JSON responses it rewrites: the "lying board" a voter's client talks to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Rewrite = (path: string, body: any) => any;

export async function lyingProxy(target: string, rewrite: Rewrite): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(target + req.url, {
      method: req.method,
      headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
      body: chunks.length ? Buffer.concat(chunks) : undefined,
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
