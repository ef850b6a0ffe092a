import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerProblem,
  ballotSize,
  decodeBallot,
  encodeBallot,
  InvalidBallotError,
  questionSchema,
  type Answer,
  type Question,
} from '@ostraka/protocol';

const names = (n: number) => Array.from({ length: n }, (_, i) => `Candidate ${i + 1}`);

/** A valid question of any kind, and a valid answer for it. */
const questionAndAnswer: fc.Arbitrary<[Question, Answer]> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 20 }), fc.boolean()).chain(([n, allowBlank]) =>
    fc
      .option(fc.integer({ min: 0, max: n - 1 }), { nil: null })
      .filter((c) => allowBlank || c !== null)
      .map((candidate): [Question, Answer] => [
        { kind: 'plurality', id: 'p', title: 'P', candidates: names(n), allowBlank },
        { kind: 'plurality', candidate },
      ]),
  ),
  fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc.subarray(Array.from({ length: n }, (_, i) => i)).map((chosen): [Question, Answer] => [
      { kind: 'approval', id: 'a', title: 'A', candidates: names(n), minChoices: 0, maxChoices: n },
      { kind: 'approval', candidates: chosen },
    ]),
  ),
  fc.integer({ min: 2, max: 57 }).chain((n) =>
    fc
      .shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: 1 })
      .map((ranking): [Question, Answer] => [
        { kind: 'ranked', id: 'r', title: 'R', candidates: names(n), minRanks: 1, maxRanks: n },
        { kind: 'ranked', ranking },
      ]),
  ),
  fc.integer({ min: 1, max: 80 }).chain((max) =>
    fc
      .string({ maxLength: max, unit: 'grapheme' })
      .map((s) => s.normalize('NFC'))
      .filter((s) => new TextEncoder().encode(s).length <= max)
      .map((text): [Question, Answer] => [
        { kind: 'write-in', id: 'w', title: 'W', maxLength: max },
        { kind: 'write-in', text },
      ]),
  ),
);

describe('ballot plaintexts', () => {
  it('round-trip every valid answer of every kind, in fixed-size ballots', () => {
    fc.assert(
      fc.property(fc.array(questionAndAnswer, { minLength: 1, maxLength: 4 }), (pairs) => {
        const questions = pairs.map(([q], k) => ({ ...q, id: `q${k}` }) as Question);
        for (const q of questions) expect(questionSchema.safeParse(q).success).toBe(true);
        const answers = pairs.map(([, a]) => a);
        const bytes = encodeBallot(questions, answers);
        expect(bytes.length).toBe(ballotSize(questions));
        expect(decodeBallot(questions, bytes)).toEqual(answers);
      }),
      { numRuns: 200 },
    );
  });

  it('decodes any byte string either to a valid ballot that re-encodes identically, or refuses it', () => {
    const questions: Question[] = [
      { kind: 'plurality', id: 'p', title: 'P', candidates: names(3), allowBlank: false },
      { kind: 'approval', id: 'a', title: 'A', candidates: names(10), minChoices: 1, maxChoices: 3 },
      { kind: 'ranked', id: 'r', title: 'R', candidates: names(4), minRanks: 2, maxRanks: 3 },
      { kind: 'write-in', id: 'w', title: 'W', maxLength: 5 },
    ];
    const size = ballotSize(questions);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: size, maxLength: size }), (bytes) => {
        let answers: Answer[];
        try {
          answers = decodeBallot(questions, bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidBallotError);
          return;
        }
        expect(Array.from(encodeBallot(questions, answers))).toEqual(Array.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('fits a 57-candidate full ranking and a 53-character write-in in 2 elements of 30 bytes', () => {
    const ranked: Question = { kind: 'ranked', id: 'r', title: 'R', candidates: names(57), minRanks: 57, maxRanks: 57 };
    const writeIn: Question = { kind: 'write-in', id: 'w', title: 'W', maxLength: 53 };
    expect(ballotSize([ranked]) + 2).toBeLessThanOrEqual(60);
    expect(ballotSize([writeIn]) + 2).toBeLessThanOrEqual(60);
  });

  it('refuses answers that break the rules, with the reason', () => {
    const approval: Question = { kind: 'approval', id: 'a', title: 'A', candidates: names(5), minChoices: 1, maxChoices: 2 };
    expect(answerProblem(approval, { kind: 'approval', candidates: [0, 1, 2] })).toMatch(/at most 2/);
    expect(answerProblem(approval, { kind: 'approval', candidates: [] })).toMatch(/at least 1/);
    expect(answerProblem(approval, { kind: 'approval', candidates: [1, 1] })).toMatch(/twice/);
    expect(answerProblem(approval, { kind: 'approval', candidates: [7] })).toMatch(/no such candidate/);
    expect(answerProblem(approval, { kind: 'plurality', candidate: 1 })).toMatch(/approval/);
    const plurality: Question = { kind: 'plurality', id: 'p', title: 'P', candidates: names(2), allowBlank: false };
    expect(answerProblem(plurality, { kind: 'plurality', candidate: null })).toMatch(/blank/);
    expect(() => encodeBallot([plurality], [{ kind: 'plurality', candidate: 2 }])).toThrow(InvalidBallotError);
    const writeIn: Question = { kind: 'write-in', id: 'w', title: 'W', maxLength: 3 };
    expect(answerProblem(writeIn, { kind: 'write-in', text: 'José' })).toMatch(/exceeds 3 bytes/);
    expect(answerProblem(writeIn, { kind: 'write-in', text: 'e\u0301' })).toMatch(/normal form/);
  });

  it('validates manifests of questions strictly', () => {
    expect(questionSchema.safeParse({ kind: 'approval', id: 'a', title: 'A', candidates: ['x'], minChoices: 0, maxChoices: 2 }).success).toBe(false);
    expect(questionSchema.safeParse({ kind: 'ranked', id: 'r', title: 'R', candidates: ['x', 'y'], minRanks: 2, maxRanks: 1 }).success).toBe(false);
    expect(questionSchema.safeParse({ kind: 'plurality', id: 'Bad Id', title: 'P', candidates: ['x', 'y'], allowBlank: true }).success).toBe(false);
    expect(questionSchema.safeParse({ kind: 'plurality', id: 'p', title: 'P', candidates: ['x', 'y'], allowBlank: true, extra: 1 }).success).toBe(false);
    expect(questionSchema.safeParse({ kind: 'write-in', id: 'w', title: 'W', maxLength: 0 }).success).toBe(false);
  });
});
