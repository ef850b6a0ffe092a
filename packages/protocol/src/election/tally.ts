import { decodeBallot, InvalidBallotError } from './ballot-codec.js';
import { instantRunoff, type InstantRunoffRound } from './instant-runoff.js';
import type { Answer, Question } from './questions.js';

export type QuestionResult =
  | { id: string; kind: 'plurality'; counts: number[]; blank: number }
  | { id: string; kind: 'approval'; counts: number[] }
  | { id: string; kind: 'ranked'; rounds: InstantRunoffRound[]; winner: number | null }
  | { id: string; kind: 'write-in'; answers: { text: string; count: number }[]; blank: number };

/** The result of an election, as posted (signed) on the board and recomputed by the verifier. */
export interface Tally {
  /** Number of ballots decrypted (the length of the last mix round's output). */
  ballots: number;
  valid: number;
  invalid: number;
  /** Positions, in the last mix round's output, of the ballots counted as invalid. */
  invalidPositions: number[];
  questions: QuestionResult[];
}

/**
 * Counts decrypted ballots. `plaintexts[i]` is the i-th ballot's plaintext, or null when its
 * elements are not a plaintext embedding at all; both that and a plaintext that does not decode
 * to a valid ballot make the ballot invalid (docs/transcript.md §Tally).
 */
export function tallyBallots(questions: readonly Question[], plaintexts: readonly (Uint8Array | null)[]): Tally {
  const valid: Answer[][] = [];
  const invalidPositions: number[] = [];
  plaintexts.forEach((plaintext, i) => {
    if (plaintext === null) return void invalidPositions.push(i);
    try {
      valid.push(decodeBallot(questions, plaintext));
    } catch (e) {
      if (!(e instanceof InvalidBallotError)) throw e;
      invalidPositions.push(i);
    }
  });
  return {
    ballots: plaintexts.length,
    valid: valid.length,
    invalid: invalidPositions.length,
    invalidPositions,
    questions: questions.map((q, k) => countQuestion(q, valid.map((answers) => answers[k]))),
  };
}

function countQuestion(question: Question, answers: Answer[]): QuestionResult {
  switch (question.kind) {
    case 'plurality': {
      const counts = new Array<number>(question.candidates.length).fill(0);
      let blank = 0;
      for (const a of answers as Extract<Answer, { kind: 'plurality' }>[]) {
        if (a.candidate === null) blank++;
        else counts[a.candidate]++;
      }
      return { id: question.id, kind: 'plurality', counts, blank };
    }
    case 'approval': {
      const counts = new Array<number>(question.candidates.length).fill(0);
      for (const a of answers as Extract<Answer, { kind: 'approval' }>[]) for (const c of a.candidates) counts[c]++;
      return { id: question.id, kind: 'approval', counts };
    }
    case 'ranked': {
      const rankings = (answers as Extract<Answer, { kind: 'ranked' }>[]).map((a) => a.ranking);
      return { id: question.id, kind: 'ranked', ...instantRunoff(question.candidates.length, rankings) };
    }
    case 'write-in': {
      const counts = new Map<string, number>();
      let blank = 0;
      for (const a of answers as Extract<Answer, { kind: 'write-in' }>[]) {
        if (a.text === '') blank++;
        else counts.set(a.text, (counts.get(a.text) ?? 0) + 1);
      }
      // Most frequent first; equal counts in code-unit order of the text, so the list is canonical.
      const list = [...counts].map(([text, count]) => ({ text, count }));
      list.sort((x, y) => y.count - x.count || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
      return { id: question.id, kind: 'write-in', answers: list, blank };
    }
  }
}
