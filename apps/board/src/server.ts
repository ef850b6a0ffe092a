import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Board } from './board.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes the board. */
  close(): Promise<void>;
}

/** Serves a board over HTTP on `host:port` (`port` 0 picks a free port). */
export function startServer(board: Board, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: board.app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const url = `http://${shownHost}:${info.port}`;
      resolve({
        url,
        port: info.port,
        async close() {
          // No new connections; requests in flight finish (their writes are committed and
          // acknowledged), connections close as they become idle; stragglers after 10 s are cut.
          const closed = new Promise<void>((done) => (server as Server).close(() => done()));
          // Keep-alive connections become idle as their last request completes: close them then.
          const sweep = setInterval(() => (server as Server).closeIdleConnections(), 50);
          const timer = setTimeout(() => (server as Server).closeAllConnections(), 10_000);
          (server as Server).closeIdleConnections();
          await closed;
          clearInterval(sweep);
          clearTimeout(timer);
          await board.close();
        },
      });
    }) as Server;
    server.once('error', reject);
    server.keepAliveTimeout = 65_000;
    // Slow clients cannot hold connections forever (slowloris): headers within 20 s, a whole request within 60 s.
    server.headersTimeout = 20_000;
    server.requestTimeout = 60_000;
  });
}
