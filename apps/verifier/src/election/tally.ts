/**
 * The tally (docs/transcript.md §10.9), recounted from the plaintexts: invalid ballots (null, or
 * not a valid ballot) by position, and per question the plurality and approval counts, the
 * write-in answers, and the instant-runoff rounds of a ranked question.
 */
import type { Json } from '../encoding/canonical-json.js';
import { parseHex } from '../encoding/hex.js';
import { readBallot, type Answer } from './ballot-plaintext.js';
import type { Question } from './manifest.js';

export function tallyPlaintexts(questions: readonly Question[], plaintexts: readonly (string | null)[]): Json {
  const valid: Answer[][] = [];
  const invalidPositions: number[] = [];
  plaintexts.forEach((hex, i) => {
    const bytes = hex === null ? null : parseHex(hex);
    const answers = bytes === null ? null : readBallot(questions, bytes);
    if (answers === null) invalidPositions.push(i);
    else valid.push(answers);
  });
  return {
    ballots: plaintexts.length,
    valid: valid.length,
    invalid: invalidPositions.length,
    invalidPositions,
    questions: questions.map((q, k) => countQuestion(q, valid.map((answers) => answers[k]))),
  };
}

function countQuestion(q: Question, answers: Answer[]): Json {
  switch (q.kind) {
    case 'plurality': {
      const counts = q.candidates.map(() => 0);
      let blank = 0;
      for (const a of answers) {
        const c = (a as Extract<Answer, { kind: 'plurality' }>).candidate;
        if (c === null) blank++;
        else counts[c]++;
      }
      return { id: q.id, kind: q.kind, counts, blank };
    }
    case 'approval': {
      const counts = q.candidates.map(() => 0);
      for (const a of answers) for (const c of (a as Extract<Answer, { kind: 'approval' }>).candidates) counts[c]++;
      return { id: q.id, kind: q.kind, counts };
    }
    case 'ranked':
      return { id: q.id, kind: q.kind, ...instantRunoff(q.candidates.length, answers.map((a) => (a as Extract<Answer, { kind: 'ranked' }>).ranking)) } as unknown as Json;
    case 'write-in': {
      const counts = new Map<string, number>();
      let blank = 0;
      for (const a of answers) {
        const text = (a as Extract<Answer, { kind: 'write-in' }>).text;
        if (text === '') blank++;
        else counts.set(text, (counts.get(text) ?? 0) + 1);
      }
      const byUtf16 = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
      const list = [...counts].sort(([ta, ca], [tb, cb]) => cb - ca || byUtf16(ta, tb)).map(([text, count]) => ({ text, count }));
      return { id: q.id, kind: q.kind, answers: list, blank };
    }
  }
}

interface Round {
  counts: (number | null)[];
  exhausted: number;
  eliminated: number | null;
}

/**
 * Instant-runoff. Each round counts every ballot for its highest-ranked continuing candidate (or as
 * exhausted). No active ballot: no winner. A candidate above half of the active ballots, or a
 * single continuing candidate: the most votes wins (lowest index among equals). Otherwise the
 * fewest votes is eliminated; a tie is narrowed going back through the earlier rounds, keeping at
 * each round where the tied candidates differ those with the fewest votes; then the highest index.
 */
export function instantRunoff(n: number, rankings: number[][]): { rounds: Round[]; winner: number | null } {
  const continuing = new Set(Array.from({ length: n }, (_, i) => i));
  const rounds: Round[] = [];
  for (;;) {
    const counts: (number | null)[] = Array.from({ length: n }, (_, i) => (continuing.has(i) ? 0 : null));
    let exhausted = 0;
    for (const ranking of rankings) {
      const top = ranking.find((c) => continuing.has(c));
      if (top === undefined) exhausted++;
      else (counts[top] as number)++;
    }
    const active = rankings.length - exhausted;
    const alive = [...continuing].sort((a, b) => a - b);
    if (active === 0) {
      rounds.push({ counts, exhausted, eliminated: null });
      return { rounds, winner: null };
    }
    const most = Math.max(...alive.map((c) => counts[c] as number));
    if (2 * most > active || alive.length === 1) {
      rounds.push({ counts, exhausted, eliminated: null });
      return { rounds, winner: alive.find((c) => counts[c] === most)! };
    }
    const fewest = Math.min(...alive.map((c) => counts[c] as number));
    let tied = alive.filter((c) => counts[c] === fewest);
    for (let r = rounds.length - 1; r >= 0 && tied.length > 1; r--) {
      const earlier = rounds[r].counts;
      const min = Math.min(...tied.map((c) => earlier[c] as number));
      tied = tied.filter((c) => earlier[c] === min);
    }
    const eliminated = tied[tied.length - 1];
    rounds.push({ counts, exhausted, eliminated });
    continuing.delete(eliminated);
  }
}
