import { createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, closeSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { TranscriptSink } from './export.js';

/**
 * Writes the transcript into `dir` atomically: everything goes to a sibling temporary directory,
 * which is renamed to `dir` only when complete, so an interrupted export never leaves a
 * directory that looks like a transcript.
 */
export function directorySink(dir: string): TranscriptSink & { commit(): void; abort(): void } {
  if (existsSync(dir)) throw new Error(`${dir} already exists; choose a new directory`);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  return {
    async file(name, content) {
      const path = join(tmp, name);
      mkdirSync(dirname(path), { recursive: true });
      const out = createWriteStream(path);
      for await (const piece of content) if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
      out.end();
      await finished(out);
      const fd = openSync(path, 'r');
      fsyncSync(fd);
      closeSync(fd);
    },
    commit() {
      renameSync(tmp, dir);
    },
    abort() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
