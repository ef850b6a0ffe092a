import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { BoardError } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function tooLarge(maxBytes: number): BoardError {
  return new BoardError(413, 'TOO_LARGE', `request bodies are limited to ${maxBytes} bytes`);
}

/**
 * Reads the socket stream directly when served by Node: the web-standard Request and
 * ReadableStream layers cost more CPU than the rest of a write's HTTP handling together.
 */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        incoming.off('data', onData);
        incoming.off('end', onEnd);
        incoming.resume(); // drain the rest; the 413 goes out as soon as the handler returns
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length));
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', () => reject(new BoardError(400, 'BAD_REQUEST_BODY', 'the request body could not be read')));
  });
}

/**
 * The request body as JSON. A declared content type other than JSON is a 415; a body over the
 * size cap a 413 (checked on the declared length before reading, then while reading); bytes
 * that are not UTF-8 JSON a 400 BAD_JSON.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/(.+\+)?json\b/i.test(type))
    throw new BoardError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  let bytes: Uint8Array;
  if (incoming && typeof incoming.on === 'function' && !incoming.readableEnded) bytes = await readIncoming(incoming, maxBytes);
  else {
    bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  }
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new BoardError(400, 'BAD_JSON', 'the request body is not valid UTF-8 JSON');
  }
}
