import { connect, type Socket } from 'node:net';

export interface LoadResult {
  /** Completed requests inside the measured window, per second. */
  perSecond: number;
  completed: number;
  /** Latencies (ms) of the requests completed inside the window. */
  latenciesMs: number[];
  errors: number;
  statuses: Record<string, number>;
}

export interface LoadRequest {
  method: string;
  path: string;
  body?: Buffer;
}

/**
 * One keep-alive HTTP/1.1 connection with a deliberately small client: it writes a request and
 * reads `status` and `content-length` from the reply. The load generator shares the machine's
 * cores with the board, so it must cost as little as possible (about a fifth of node:http's
 * client per request); the board sees an ordinary HTTP/1.1 client.
 */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  private readonly socket: Socket;

  constructor(private readonly host: string, port: number) {
    this.socket = connect(port, host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
      this.parse();
    });
    const fail = (e: Error) => {
      const f = this.failed;
      this.waiting = this.failed = null;
      f?.(e);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  private parse(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length: *(\d+)/i.exec(head);
    const length = m ? Number(m[1]) : 0;
    if (this.buffer.length < end + 4 + length) return;
    this.buffer = this.buffer.subarray(end + 4 + length);
    const w = this.waiting;
    this.waiting = this.failed = null;
    w(status);
  }

  send(r: LoadRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      const headers =
        `${r.method} ${r.path} HTTP/1.1\r\nHost: ${this.host}\r\nConnection: keep-alive\r\n` +
        (r.body ? `Content-Type: application/json\r\nContent-Length: ${r.body.length}\r\n\r\n` : '\r\n');
      this.socket.write(r.body ? Buffer.concat([Buffer.from(headers, 'latin1'), r.body]) : headers);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * A closed-loop load generator: `clients` concurrent connections, each sending its next request
 * as soon as the previous one answered. Requests completed during `warmupS` are not counted;
 * then the window runs for `seconds`.
 */
export async function closedLoop(
  url: string,
  clients: number,
  warmupS: number,
  seconds: number,
  next: (client: number) => LoadRequest | null,
  expectStatus: number,
): Promise<LoadResult> {
  const { hostname, port } = new URL(url);
  const start = performance.now();
  const windowStart = start + warmupS * 1000;
  const windowEnd = windowStart + seconds * 1000;
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;

  const loop = async (client: number) => {
    let connection = new Connection(hostname, Number(port));
    try {
      for (;;) {
        if (performance.now() >= windowEnd) return;
        const r = next(client);
        if (!r) return;
        const t0 = performance.now();
        let status = 0;
        try {
          status = await connection.send(r);
        } catch {
          status = -1;
          connection.close();
          connection = new Connection(hostname, Number(port));
        }
        const t1 = performance.now();
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== expectStatus) errors++;
        if (t1 >= windowStart && t1 < windowEnd && status === expectStatus) latenciesMs.push(t1 - t0);
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => loop(c)));
  return { perSecond: latenciesMs.length / seconds, completed: latenciesMs.length, latenciesMs, errors, statuses };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
