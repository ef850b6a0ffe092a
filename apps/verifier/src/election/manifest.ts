/**
 * The election manifest (docs/election.md §2, docs/transcript.md §10.2): its exact shape (unknown
 * fields refused), the election's width, and the size of a ballot plaintext (§10.6).
 */
import { isRecord, type Json } from '../encoding/canonical-json.js';
import { isHex } from '../encoding/hex.js';
import { fieldsProblem, isInteger } from '../encoding/shape.js';
import type { GroupName } from '../crypto/group.js';

export type Question =
  | { kind: 'plurality'; id: string; title: string; candidates: string[]; allowBlank: boolean }
  | { kind: 'approval'; id: string; title: string; candidates: string[]; minChoices: number; maxChoices: number }
  | { kind: 'ranked'; id: string; title: string; candidates: string[]; minRanks: number; maxRanks: number }
  | { kind: 'write-in'; id: string; title: string; maxLength: number };

export interface Manifest {
  id: string;
  title: string;
  description?: string;
  group: GroupName;
  board: string;
  authority: string;
  trustees: { threshold: number; count: number };
  mixServers: string[];
  questions: Question[];
  voting: { opens: string; closes: string };
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Control and formatting characters (and line/paragraph separators), refused in display text. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** Length in Unicode code points (how the manifest counts characters). */
const codePoints = (s: string) => [...s].length;
const isTextOf = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && codePoints(v) >= min && codePoints(v) <= max;
const isDisplayText = (v: unknown, min: number, max: number): v is string => isTextOf(v, min, max) && !CONTROL.test(v as string);

/** A valid ISO 8601 UTC time (`…Z`, a real calendar date) as a sortable string, or null. */
function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = ISO_UTC.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || date.getUTCHours() !== Number(h) || date.getUTCMinutes() !== Number(mi) || date.getUTCSeconds() !== Number(s)) return null;
  return `${y}${mo}${d}${h}${mi}${s}.${(frac ?? '').padEnd(30, '0')}`;
}

/** The manifest, or the reason it is refused. */
export function parseManifest(value: Json | undefined): Manifest | string {
  const top = fieldsProblem(value, ['id', 'title', 'group', 'board', 'authority', 'trustees', 'mixServers', 'questions', 'voting'], ['description']);
  if (top || !isRecord(value)) return top ?? 'not an object';
  const m = value;
  if (typeof m.id !== 'string' || !ID.test(m.id)) return 'id is not 1–64 of a-z 0-9 - starting with a letter or digit';
  if (!isDisplayText(m.title, 1, 500)) return 'title is not 1–500 characters without control or formatting characters';
  if (m.description !== undefined && !isDisplayText(m.description, 1, 5000)) return 'description is not 1–5000 characters without control or formatting characters';
  if (m.group !== 'ristretto255' && m.group !== 'p256') return 'group is neither ristretto255 nor p256';
  if (!isHex(m.board, 16)) return 'board is not a board id';
  if (!isHex(m.authority, 16)) return 'authority is not a key id';
  const t = m.trustees;
  if (fieldsProblem(t, ['threshold', 'count']) || !isRecord(t)) return 'trustees is not {threshold, count}';
  if (!isInteger(t.count, 1, 255) || !isInteger(t.threshold, 1, t.count)) return 'trustees is not 1 ≤ threshold ≤ count ≤ 255';
  const mix = m.mixServers;
  if (!Array.isArray(mix) || mix.length < 1 || mix.length > 32 || !mix.every((id) => isHex(id, 16))) return 'mixServers is not a list of 1–32 key ids';
  if (new Set([m.authority, ...mix]).size !== mix.length + 1) return 'the authority and the mix servers are not distinct peers';
  const qs = m.questions;
  if (!Array.isArray(qs) || qs.length < 1 || qs.length > 64) return 'questions is not a list of 1–64 questions';
  const questions: Question[] = [];
  for (let i = 0; i < qs.length; i++) {
    const q = parseQuestion(qs[i]);
    if (typeof q === 'string') return `question ${i}: ${q}`;
    questions.push(q);
  }
  if (new Set(questions.map((q) => q.id)).size !== questions.length) return 'question ids are not distinct';
  const v = m.voting;
  if (fieldsProblem(v, ['opens', 'closes']) || !isRecord(v)) return 'voting is not {opens, closes}';
  const opens = instant(v.opens);
  const closes = instant(v.closes);
  if (!opens || !closes) return 'voting times are not ISO 8601 UTC times';
  if (closes <= opens) return 'voting does not close after it opens';
  return value as unknown as Manifest;
}

function parseQuestion(q: Json): Question | string {
  if (!isRecord(q)) return 'not an object';
  const common = ['kind', 'id', 'title'];
  const candidates = (min: number): string | null =>
    Array.isArray(q.candidates) && q.candidates.length >= min && q.candidates.length <= 255 && q.candidates.every((c) => isTextOf(c, 1, 200))
      ? null
      : `candidates is not a list of ${min}–255 names of 1–200 characters`;
  let problem: string | null;
  switch (q.kind) {
    case 'plurality':
      problem = fieldsProblem(q, [...common, 'candidates', 'allowBlank']) ?? candidates(2) ?? (typeof q.allowBlank === 'boolean' ? null : 'allowBlank is not a boolean');
      break;
    case 'approval':
      problem =
        fieldsProblem(q, [...common, 'candidates', 'minChoices', 'maxChoices']) ??
        candidates(1) ??
        (isInteger(q.minChoices, 0) && isInteger(q.maxChoices, 1) && q.minChoices <= q.maxChoices && q.maxChoices <= (q.candidates as Json[]).length
          ? null
          : 'not 0 ≤ minChoices ≤ maxChoices ≤ candidates, maxChoices ≥ 1');
      break;
    case 'ranked':
      problem =
        fieldsProblem(q, [...common, 'candidates', 'minRanks', 'maxRanks']) ??
        candidates(2) ??
        (isInteger(q.minRanks, 1) && isInteger(q.maxRanks, 1) && q.minRanks <= q.maxRanks && q.maxRanks <= (q.candidates as Json[]).length
          ? null
          : 'not 1 ≤ minRanks ≤ maxRanks ≤ candidates');
      break;
    case 'write-in':
      problem = fieldsProblem(q, [...common, 'maxLength']) ?? (isInteger(q.maxLength, 1, 1000) ? null : 'maxLength is not 1–1000');
      break;
    default:
      return 'kind is not plurality, approval, ranked or write-in';
  }
  if (problem) return problem;
  if (typeof q.id !== 'string' || !ID.test(q.id)) return 'id is not 1–64 of a-z 0-9 - starting with a letter or digit';
  if (!isTextOf(q.title, 1, 500)) return 'title is not 1–500 characters';
  return q as unknown as Question;
}

/** Bytes of one question's answer in the ballot plaintext (docs/transcript.md §10.6). */
export function answerSize(q: Question): number {
  switch (q.kind) {
    case 'plurality':
      return 1;
    case 'approval':
      return Math.ceil(q.candidates.length / 8);
    case 'ranked':
      return q.maxRanks;
    case 'write-in':
      return 2 + q.maxLength;
  }
}

export function ballotSize(questions: readonly Question[]): number {
  return questions.reduce((n, q) => n + answerSize(q), 0);
}

/** `max(1, ⌈(max(32, ballot_size) + 2) / 30⌉)` (docs/transcript.md §10.2). */
export function electionWidth(m: Manifest): number {
  return Math.max(1, Math.ceil((Math.max(32, ballotSize(m.questions)) + 2) / 30));
}
