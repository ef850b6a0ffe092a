/**
 * Downloads a transcript from a board's public routes (docs/api.md §2–3: `GET /board`,
 * `/log/head`, `/log/heads`, `/log/entries`) and lays it out as the exported directory would
 * (docs/transcript.md §10.10), so that it is verified exactly like one.
 */
import { canonicalJson, isRecord, type Json } from '../encoding/canonical-json.js';
import { UnreadableLocation, type FileText, type RawTranscript } from './raw-transcript.js';

const PER_FILE = 10_000;

export interface DownloadOptions {
  board: string;
  election: string;
  fetchImpl?: typeof fetch;
  onProgress?: (done: number, total: number) => void;
}

export async function downloadTranscript(options: DownloadOptions): Promise<RawTranscript> {
  const base = options.board.replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? fetch;
  const get = async (path: string): Promise<Record<string, Json>> => {
    let res: Response;
    try {
      res = await fetchImpl(base + path, { headers: { accept: 'application/json' } });
    } catch (e) {
      throw new UnreadableLocation(`cannot reach ${base}${path}: ${(e as Error).message}`);
    }
    if (res.status !== 200) throw new UnreadableLocation(`${base}${path} answered ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new UnreadableLocation(`${base}${path} did not answer JSON`);
    }
    if (!isRecord(body as Json)) throw new UnreadableLocation(`${base}${path} did not answer a JSON object`);
    return body as Record<string, Json>;
  };

  const board = await get('/board');
  const head = await get('/log/head');
  const size = head.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) throw new UnreadableLocation('the board\'s head has no valid size');

  const heads: Json[] = [];
  for (let after: number | null = 0; after !== null; ) {
    const page = await get(`/log/heads?after=${after}`);
    if (!Array.isArray(page.heads)) throw new UnreadableLocation('GET /log/heads did not answer a list of heads');
    const next: Json = page.next_after;
    for (const h of page.heads) if (isRecord(h) && typeof h.size === 'number' && h.size <= size) heads.push(h);
    const last = page.heads[page.heads.length - 1];
    after = typeof next === 'number' && next > after && !(isRecord(last) && typeof last.size === 'number' && last.size >= size) ? next : null;
  }

  const entries: Json[] = [];
  while (entries.length < size) {
    const start = entries.length;
    const page = await get(`/log/entries?start=${start}&end=${size}`);
    if (!Array.isArray(page.entries) || page.entries.length === 0) throw new UnreadableLocation(`GET /log/entries returned nothing from index ${start}`);
    entries.push(...page.entries.slice(0, size - start));
    options.onProgress?.(entries.length, size);
  }

  const files = new Map<string, FileText>();
  const index = {
    format: 'ostraka-transcript-v1',
    election: options.election,
    board: { id: board.board_id ?? null, public_key: board.public_key ?? null, authority_key: board.authority_key ?? null },
    head,
    entries: { count: size, per_file: PER_FILE },
  };
  files.set('transcript.json', JSON.stringify(index, null, 2) + '\n');
  for (let f = 0; f * PER_FILE < size; f++) {
    const lines = entries.slice(f * PER_FILE, (f + 1) * PER_FILE).map((e) => (canonicalJson(e) ?? JSON.stringify(e)) + '\n');
    files.set(`log/entries-${String(f).padStart(6, '0')}.jsonl`, lines.join(''));
  }
  files.set('log/heads.jsonl', heads.map((h) => (canonicalJson(h) ?? JSON.stringify(h)) + '\n').join(''));
  return { location: base, files };
}
