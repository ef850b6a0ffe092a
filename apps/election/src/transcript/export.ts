import type { BoardClient } from '@ostraka/board/client';
import { canonicalJson, type Json } from '@ostraka/protocol';
import type { LogEntry, TreeHead } from '@ostraka/protocol/log';
import { ENTRIES_PER_FILE, entriesFile, HEADS_FILE, INDEX_FILE, TRANSCRIPT_FORMAT } from './layout.js';

/** Where the transcript's data comes from: a board over HTTP, or the board's storage in process. */
export interface TranscriptSource {
  board(): Promise<{ board_id: string; public_key: string; authority_key: string }>;
  head(): Promise<TreeHead>;
  /** Signed heads with size above `after`, by increasing size (a page). */
  heads(after: number | undefined): Promise<TreeHead[]>;
  /** Entries `start ≤ index < end` with `leaf_hash`, possibly fewer (a page). */
  entries(start: number, end: number): Promise<(LogEntry & { leaf_hash: string })[]>;
}

/** Receives the transcript's files, in order, each as a sequence of text pieces. */
export interface TranscriptSink {
  file(name: string, content: AsyncIterable<string>): Promise<void>;
}

export function httpSource(client: BoardClient): TranscriptSource {
  return {
    board: () => client.info(),
    head: () => client.head(),
    heads: async (after) =>
      (await client.request<{ heads: TreeHead[] }>('GET', `/log/heads?limit=1000${after === undefined ? '' : `&after=${after}`}`)).heads,
    entries: async (start, end) => (await client.request<{ entries: (LogEntry & { leaf_hash: string })[] }>('GET', `/log/entries?start=${start}&end=${end}`)).entries,
  };
}

const line = (value: unknown) => canonicalJson(value as Json) + '\n';

/**
 * Writes the transcript of `election` up to the board's latest signed head: every entry and every
 * head (docs/transcript.md §10.7). `onProgress` reports entries written.
 */
export async function exportTranscript(
  source: TranscriptSource,
  election: string,
  sink: TranscriptSink,
  onProgress?: (done: number, total: number) => void,
): Promise<{ head: TreeHead; files: string[] }> {
  const board = await source.board();
  const head = await source.head();
  const files: string[] = [];
  for (let file = 0; file * ENTRIES_PER_FILE < head.size; file++) {
    const start = file * ENTRIES_PER_FILE;
    const end = Math.min(head.size, start + ENTRIES_PER_FILE);
    async function* lines() {
      for (let next = start; next < end; ) {
        const page = await source.entries(next, end);
        if (page.length === 0) throw new Error(`the board returned no entry at ${next}`);
        for (const entry of page) {
          if (entry.index !== next) throw new Error(`the board returned entry ${entry.index} where ${next} was expected`);
          yield line(entry);
          next++;
        }
        onProgress?.(next, head.size);
      }
    }
    await sink.file(entriesFile(file), lines());
    files.push(entriesFile(file));
  }
  async function* heads() {
    for (let after: number | undefined = undefined; ; ) {
      const page = await source.heads(after);
      const kept = page.filter((h) => h.size <= head.size);
      for (const h of kept) yield line(h);
      if (page.length === 0 || kept.length < page.length) return;
      after = page[page.length - 1].size;
    }
  }
  await sink.file(HEADS_FILE, heads());
  files.push(HEADS_FILE);
  const index = {
    format: TRANSCRIPT_FORMAT,
    election,
    board: { id: board.board_id, public_key: board.public_key, authority_key: board.authority_key },
    head,
    entries: { count: head.size, per_file: ENTRIES_PER_FILE },
  };
  await sink.file(INDEX_FILE, (async function* () {
    yield JSON.stringify(index, null, 2) + '\n';
  })());
  files.push(INDEX_FILE);
  return { head, files };
}
