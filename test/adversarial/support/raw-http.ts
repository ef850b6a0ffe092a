/**
 * HTTP/1.1 at the byte level, for what fetch cannot send: invalid UTF-8, a body shorter than its
 * Content-Length, a body cut off by closing the socket, chunked bodies of any size, arbitrary
 * header values. Returns the status line's code, or null if the server closed without answering.
 */
import { connect } from 'node:net';

export interface RawOutcome {
  readonly status: number | null;
  readonly body: string;
}

export interface RawOptions {
  /** Half-close the socket after writing (the client's last byte): a truncated body ends here. */
  readonly endAfterWrite?: boolean;
  readonly timeoutMs?: number;
}

export function rawRequest(url: string, request: Uint8Array | string, options: RawOptions = {}): Promise<RawOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const bodyAt = text.indexOf('\r\n\r\n');
      resolve({ status: m ? Number(m[1]) : null, body: bodyAt >= 0 ? text.slice(bodyAt + 4) : '' });
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 5000);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // One response is enough: stop once its declared body has arrived.
      const text = Buffer.concat(chunks).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, headEnd));
      if (headEnd >= 0 && length && text.length >= headEnd + 4 + Number(length[1])) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request, () => {
      if (options.endAfterWrite) socket.end();
    });
  });
}

/** A POST request's bytes with the given headers (Host and Connection added) and body. */
export function post(path: string, body: Uint8Array, headers: Record<string, string>): Uint8Array {
  const head = `POST ${path} HTTP/1.1\r\nHost: board.test\r\nConnection: close\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
  return new Uint8Array([...Buffer.from(head, 'latin1'), ...body]);
}
