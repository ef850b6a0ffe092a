import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBallot, instantRunoff, tallyBallots, type Question } from '@ostraka/protocol';

describe('instant-runoff', () => {
  it('elects a majority winner in the first round', () => {
    const r = instantRunoff(3, [[0], [0, 1], [1], [0, 2]]);
    expect(r.winner).toBe(0);
    expect(r.rounds).toEqual([{ counts: [3, 1, 0], exhausted: 0, eliminated: null }]);
  });

  it('transfers votes round by round and counts exhausted ballots', () => {
    // A: 4, B: 3, C: 2 (C's voters prefer B, one of them ranks nobody else).
    const ballots = [[0], [0], [0], [0], [1], [1], [1], [2, 1], [2]];
    const r = instantRunoff(3, ballots);
    expect(r.rounds[0]).toEqual({ counts: [4, 3, 2], exhausted: 0, eliminated: 2 });
    expect(r.rounds[1]).toEqual({ counts: [4, 4, null], exhausted: 1, eliminated: 1 });
    expect(r.rounds[2]).toEqual({ counts: [4, null, null], exhausted: 5, eliminated: null });
    expect(r.winner).toBe(0);
  });

  it('breaks elimination ties by earlier rounds, then by the last listed candidate', () => {
    // Round 2 ties candidates 1 and 2 at 3 votes; candidate 1 had fewer in round 1, so it goes,
    // although the last-listed rule alone would have eliminated candidate 2.
    const ballots = [...Array(5).fill([0]), ...Array(3).fill([2]), ...Array(2).fill([1]), [3, 1]];
    const r = instantRunoff(4, ballots);
    expect(r.rounds.map((x) => x.counts)).toEqual([
      [5, 2, 3, 1],
      [5, 3, 3, null],
      [5, null, 3, null],
    ]);
    expect(r.rounds.map((x) => x.eliminated)).toEqual([3, 1, null]);
    expect(r.winner).toBe(0);
    const tie = instantRunoff(4, [[0], [0], [0], [1], [1], [2], [3]]);
    expect(tie.rounds[0].eliminated).toBe(3);
  });

  it('has no winner without ballots', () => {
    expect(instantRunoff(2, [])).toEqual({ rounds: [{ counts: [0, 0], exhausted: 0, eliminated: null }], winner: null });
  });

  it('always ends with a winner that has a majority of the final round or is the last one standing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: 1 }), { minLength: 1, maxLength: 40 })),
        ),
        ([n, ballots]) => {
          const { rounds, winner } = instantRunoff(n, ballots);
          expect(winner).not.toBeNull();
          const last = rounds[rounds.length - 1];
          const active = ballots.length - last.exhausted;
          const alive = last.counts.filter((c) => c !== null).length;
          expect(2 * (last.counts[winner!] as number) > active || alive === 1).toBe(true);
          // Every round accounts for every ballot.
          for (const round of rounds) expect(round.counts.reduce<number>((s, c) => s + (c ?? 0), 0) + round.exhausted).toBe(ballots.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('tally', () => {
  const questions: Question[] = [
    { kind: 'plurality', id: 'mayor', title: 'Mayor', candidates: ['Ada', 'Bo'], allowBlank: true },
    { kind: 'approval', id: 'board', title: 'Board', candidates: ['X', 'Y', 'Z'], minChoices: 0, maxChoices: 2 },
    { kind: 'ranked', id: 'rank', title: 'Rank', candidates: ['P', 'Q', 'R'], minRanks: 1, maxRanks: 3 },
    { kind: 'write-in', id: 'motto', title: 'Motto', maxLength: 10 },
  ];

  it('counts every kind and counts undecodable ballots as invalid, by position', () => {
    const b1 = encodeBallot(questions, [
      { kind: 'plurality', candidate: 0 },
      { kind: 'approval', candidates: [0, 2] },
      { kind: 'ranked', ranking: [2, 0] },
      { kind: 'write-in', text: 'hi' },
    ]);
    const b2 = encodeBallot(questions, [
      { kind: 'plurality', candidate: null },
      { kind: 'approval', candidates: [2] },
      { kind: 'ranked', ranking: [0] },
      { kind: 'write-in', text: '' },
    ]);
    const broken = b1.slice();
    broken[0] = 9; // candidate 8 does not exist
    const tally = tallyBallots(questions, [b1, null, b2, broken, b1]);
    expect(tally.ballots).toBe(5);
    expect(tally.valid).toBe(3);
    expect(tally.invalid).toBe(2);
    expect(tally.invalidPositions).toEqual([1, 3]);
    expect(tally.questions[0]).toEqual({ id: 'mayor', kind: 'plurality', counts: [2, 0], blank: 1 });
    expect(tally.questions[1]).toEqual({ id: 'board', kind: 'approval', counts: [2, 0, 3] });
    expect(tally.questions[2]).toMatchObject({ id: 'rank', kind: 'ranked', winner: 2 });
    expect(tally.questions[3]).toEqual({ id: 'motto', kind: 'write-in', answers: [{ text: 'hi', count: 2 }], blank: 1 });
  });
});
