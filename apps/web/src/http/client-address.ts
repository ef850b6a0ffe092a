import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** The peer address of the TCP connection (served by Node), or "local" for in-process requests. */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
