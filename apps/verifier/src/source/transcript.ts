/**
 * The files of an exported transcript (docs/transcript.md §10.10), checked for layout and form:
 * exactly `transcript.json`, `log/entries-NNNNNN.jsonl` and `log/heads.jsonl`, every line the
 * canonical JSON of an entry or a head, every entry where its index says, nothing missing, nothing
 * extra. What parses is returned for the next phases, holes included (a damaged line is a hole).
 */
import { isRecord, parseCanonical, parseJson, type Json } from '../encoding/canonical-json.js';
import { isHex, parseHex } from '../encoding/hex.js';
import { asEntry, type Entry } from '../log/entry.js';
import { asTreeHead, type TreeHead } from '../log/tree-head.js';
import type { Findings } from '../report/findings.js';
import type { RawTranscript } from './raw-transcript.js';

export interface Transcript {
  location: string;
  election: string | null;
  boardId: string | null;
  boardKey: Uint8Array | null;
  authorityKey: string | null;
  /** The head of transcript.json: the size of the log this transcript claims. */
  head: TreeHead | null;
  /** `entries[i]` is entry i, or undefined where its line is missing or damaged. */
  entries: (Entry | undefined)[];
  heads: TreeHead[];
}

export const INDEX_FILE = 'transcript.json';
export const HEADS_FILE = 'log/heads.jsonl';
export const entriesFile = (n: number) => `log/entries-${String(n).padStart(6, '0')}.jsonl`;

const FORMAT = 'ostraka-transcript-v1';

export function readTranscript(raw: RawTranscript, findings: Findings): Transcript {
  const t: Transcript = { location: raw.location, election: null, boardId: null, boardKey: null, authorityKey: null, head: null, entries: [], heads: [] };
  const text = (name: string, check: string): string | null => {
    const f = raw.files.get(name);
    if (f === undefined) {
      findings.fail(check, 'the file is missing', { file: name });
      return null;
    }
    if (typeof f !== 'string') {
      findings.fail(check, `the file cannot be read: ${f.unreadable}`, { file: name });
      return null;
    }
    return f;
  };

  // transcript.json
  let count = 0;
  let perFile = 10_000;
  const indexText = text(INDEX_FILE, 'files.index');
  if (indexText !== null) {
    const parsed = parseJson(indexText);
    const problem = parsed ? indexProblem(parsed.value) : 'not JSON';
    findings.expect('files.index', problem === null, problem ?? '', { file: INDEX_FILE });
    if (parsed && problem === null) {
      const v = parsed.value as Record<string, any>;
      t.election = v.election;
      t.boardId = v.board.id;
      t.boardKey = parseHex(v.board.public_key);
      t.authorityKey = v.board.authority_key;
      t.head = asTreeHead(v.head, { file: INDEX_FILE }) as TreeHead;
      count = v.entries.count;
      perFile = v.entries.per_file;
    }
  }

  // log/entries-NNNNNN.jsonl
  const expectedFiles = new Set([INDEX_FILE, HEADS_FILE]);
  const fileCount = Math.ceil(count / perFile);
  for (let f = 0; f < fileCount; f++) {
    const name = entriesFile(f);
    expectedFiles.add(name);
    const content = text(name, 'files.entries');
    const first = f * perFile;
    const expected = Math.min(count, first + perFile) - first;
    if (content === null) continue;
    const lines = splitLines(content, name, 'files.entries', findings);
    findings.expect('files.entries', lines.length === expected, `${lines.length} entries instead of ${expected} (the log has ${count})`, { file: name, line: Math.min(lines.length, expected) + 1 });
    lines.slice(0, expected).forEach((line, i) => {
      const place = { file: name, line: i + 1, index: first + i };
      findings.pass('files.entries');
      const parsed = parseCanonical(line);
      if ('error' in parsed) return findings.fail('files.entries', parsed.error, place);
      const entry = asEntry(parsed.value, place);
      if (typeof entry === 'string') return findings.fail('files.entries', `not an entry: ${entry}`, place);
      if (entry.index !== first + i) return findings.fail('files.entries', `entry index ${entry.index} on the line of entry ${first + i}`, place);
      t.entries[first + i] = entry;
    });
  }
  t.entries.length = count;

  // log/heads.jsonl
  const headsText = text(HEADS_FILE, 'files.heads');
  if (headsText !== null) {
    splitLines(headsText, HEADS_FILE, 'files.heads', findings).forEach((line, i) => {
      const place = { file: HEADS_FILE, line: i + 1 };
      findings.pass('files.heads');
      const parsed = parseCanonical(line);
      if ('error' in parsed) return findings.fail('files.heads', parsed.error, place);
      const head = asTreeHead(parsed.value, place);
      if (typeof head === 'string') return findings.fail('files.heads', `not a tree head: ${head}`, place);
      t.heads.push(head);
    });
  }

  // Nothing else (docs/transcript.md §10.10: "Nothing else").
  findings.pass('files.layout', expectedFiles.size);
  for (const name of [...raw.files.keys()].sort()) {
    if (!expectedFiles.has(name)) findings.fail('files.layout', 'a file the transcript format does not have', { file: name });
  }
  return t;
}

/** Lines of a JSONL file: every line ends with `\n`; an empty file has none. */
function splitLines(content: string, file: string, check: string, findings: Findings): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] !== '') findings.fail(check, 'the last line does not end with a newline (truncated?)', { file, line: lines.length });
  else lines.pop();
  return lines;
}

function indexProblem(value: Json): string | null {
  if (!isRecord(value)) return 'not a JSON object';
  const keys = Object.keys(value).sort().join();
  if (keys !== 'board,election,entries,format,head') return `fields ${keys} instead of board, election, entries, format, head`;
  if (value.format !== FORMAT) return `format is not "${FORMAT}"`;
  if (typeof value.election !== 'string' || value.election === '') return 'election is not an election id';
  const board = value.board;
  if (!isRecord(board) || Object.keys(board).sort().join() !== 'authority_key,id,public_key') return 'board is not {id, public_key, authority_key}';
  if (!isHex(board.id, 16)) return 'board.id is not a 16-byte board id in hex';
  if (!isHex(board.public_key, 32)) return 'board.public_key is not a 32-byte key in hex';
  if (!isHex(board.authority_key, 32)) return 'board.authority_key is not a 32-byte key in hex';
  const head = asTreeHead(value.head);
  if (typeof head === 'string') return `head: ${head}`;
  const entries = value.entries;
  if (!isRecord(entries) || Object.keys(entries).sort().join() !== 'count,per_file') return 'entries is not {count, per_file}';
  if (entries.count !== head.size) return `entries.count ${String(entries.count)} differs from head.size ${head.size}`;
  if (entries.per_file !== 10_000) return 'entries.per_file is not 10000';
  return null;
}
