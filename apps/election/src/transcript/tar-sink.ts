import { utf8 } from '@ostraka/crypto';
import type { TranscriptSink } from './export.js';

/**
 * The transcript as a POSIX ustar archive (`GET /elections/:id/transcript`), streamed file by
 * file: the same files as `ostraka board export` writes, under a top directory `<election>/`.
 */
function header(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, offset: number, length: number) => h.set(utf8(text).subarray(0, length), offset);
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0') + '\0';
  if (utf8(name).length > 100) throw new RangeError(`tar: name too long: ${name}`);
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime / 1000), 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

export function tarSink(prefix: string, write: (chunk: Uint8Array) => Promise<void>, mtime = Date.now()): TranscriptSink & { end(): Promise<void> } {
  return {
    async file(name, content) {
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const piece of content) {
        const bytes = utf8(piece);
        parts.push(bytes);
        size += bytes.length;
      }
      await write(header(`${prefix}/${name}`, size, mtime));
      for (const p of parts) await write(p);
      if (size % 512) await write(new Uint8Array(512 - (size % 512)));
    },
    async end() {
      await write(new Uint8Array(1024));
    },
  };
}
