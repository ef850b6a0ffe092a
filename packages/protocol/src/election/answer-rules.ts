import type { Answer, Question } from './questions.js';

/**
 * Checks an answer against its question's rules; returns the reason it is invalid, or null.
 * The booth enforces these before encryption, and the tally applies the same rules after
 * decryption (a ballot that breaks them is counted as invalid).
 */
export function answerProblem(question: Question, answer: Answer): string | null {
  if (answer.kind !== question.kind) return `expected a ${question.kind} answer`;
  switch (question.kind) {
    case 'plurality': {
      const a = answer as Extract<Answer, { kind: 'plurality' }>;
      if (a.candidate === null) return question.allowBlank ? null : 'a blank vote is not allowed';
      return inRange(a.candidate, question.candidates.length) ? null : 'no such candidate';
    }
    case 'approval': {
      const a = answer as Extract<Answer, { kind: 'approval' }>;
      if (!a.candidates.every((c) => inRange(c, question.candidates.length))) return 'no such candidate';
      if (new Set(a.candidates).size !== a.candidates.length) return 'a candidate is approved twice';
      if (a.candidates.length > question.maxChoices) return `at most ${question.maxChoices} candidates may be approved`;
      if (a.candidates.length < question.minChoices) return `at least ${question.minChoices} candidates must be approved`;
      return null;
    }
    case 'ranked': {
      const a = answer as Extract<Answer, { kind: 'ranked' }>;
      if (!a.ranking.every((c) => inRange(c, question.candidates.length))) return 'no such candidate';
      if (new Set(a.ranking).size !== a.ranking.length) return 'a candidate is ranked twice';
      if (a.ranking.length > question.maxRanks) return `at most ${question.maxRanks} candidates may be ranked`;
      if (a.ranking.length < question.minRanks) return `at least ${question.minRanks} candidates must be ranked`;
      return null;
    }
    case 'write-in': {
      const a = answer as Extract<Answer, { kind: 'write-in' }>;
      const length = new TextEncoder().encode(a.text).length;
      if (length > question.maxLength) return `the answer exceeds ${question.maxLength} bytes`;
      if (a.text !== a.text.normalize('NFC')) return 'the answer is not in Unicode normal form C';
      return null;
    }
  }
}

function inRange(index: number, count: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < count;
}
