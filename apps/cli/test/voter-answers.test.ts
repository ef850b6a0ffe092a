/**
 * How `ostraka vote` reads a voter's answers: by index or by name, lists, blanks, choices files in
 * both shapes, and a message that names the question for every mistake.
 */
import { describe, expect, it } from 'vitest';
import { answersFromFile, answersFromFlags, ChoiceError, describeAnswers, readBallot } from 'ostraka/voter';
import { DEMO_QUESTIONS } from 'ostraka/demo';

const fromFlags = (...flags: string[]) => readBallot(DEMO_QUESTIONS, answersFromFlags(flags));
const all = (mayor: string, council = 'none', budget = '0', motto = '') => fromFlags(`mayor=${mayor}`, `council=${council}`, `budget=${budget}`, `motto=${motto}`);

describe('reading answers', () => {
  it('takes candidates by index, by exact name and by name in another case', () => {
    expect(all('2')[0]).toEqual({ kind: 'plurality', candidate: 2 });
    expect(all('Bruno Keller')[0]).toEqual({ kind: 'plurality', candidate: 1 });
    expect(all('  dmitri volkov ')[0]).toEqual({ kind: 'plurality', candidate: 3 });
    expect(all('blank')[0]).toEqual({ kind: 'plurality', candidate: null });
  });

  it('takes lists for approval and ranked questions, in the order given', () => {
    const answers = all('0', '5,Erin Walsh', 'Schools,0,cycle lanes', 'By the river');
    expect(answers[1]).toEqual({ kind: 'approval', candidates: [5, 0] });
    expect(answers[2]).toEqual({ kind: 'ranked', ranking: [2, 0, 4] });
    expect(answers[3]).toEqual({ kind: 'write-in', text: 'By the river' });
    expect(all('0', '')[1]).toEqual({ kind: 'approval', candidates: [] });
  });

  it('keeps everything after the first = of a write-in, and normalises it to NFC', () => {
    expect(all('0', 'none', '0', 'a=b')[3]).toEqual({ kind: 'write-in', text: 'a=b' });
    expect(all('0', 'none', '0', 'Gru\u0308n')[3]).toEqual({ kind: 'write-in', text: 'Grün' });
  });

  it('reads a choices file keyed by question id or in question order, with JSON answers too', () => {
    const byId = readBallot(DEMO_QUESTIONS, answersFromFile(DEMO_QUESTIONS, { mayor: 'Alice Moreau', council: [1, 'Greta Lind'], budget: [3], motto: null }));
    expect(byId).toEqual([
      { kind: 'plurality', candidate: 0 },
      { kind: 'approval', candidates: [1, 2] },
      { kind: 'ranked', ranking: [3] },
      { kind: 'write-in', text: '' },
    ]);
    const inOrder = readBallot(DEMO_QUESTIONS, answersFromFile(DEMO_QUESTIONS, [null, '0,1', { kind: 'ranked', ranking: [1, 0] }, 'x']));
    expect(inOrder[0]).toEqual({ kind: 'plurality', candidate: null });
    expect(inOrder[2]).toEqual({ kind: 'ranked', ranking: [1, 0] });
  });

  it.each([
    [() => all('Nobody'), /question "mayor" \(Mayor\) has no candidate "Nobody"; its candidates are 0 = Alice Moreau, 1 = Bruno Keller/],
    [() => all('4'), /has no candidate 4/],
    [() => all('0', '0,1,2,3'), /question "council" \(Town council\): at most 3 candidates may be approved/],
    [() => all('0', '1,1'), /approved twice/],
    [() => all('0', 'none', '1,1'), /ranked twice/],
    [() => all('0', 'none', ''), /at least 1 candidates must be ranked/],
    [() => all('0', 'none', '0', 'x'.repeat(41)), /exceeds 40 bytes/],
    [() => fromFlags('mayor=0'), /no answer for question "council" \(Town council\), question "budget"/],
    [() => fromFlags('mayor=0', 'mayor=1'), /answered twice/],
    [() => fromFlags('mayor'), /QUESTION=VALUE/],
    [() => fromFlags('mayor=0', 'council=0', 'budget=0', 'motto=', 'colour=red'), /no question "colour"/],
    [() => readBallot(DEMO_QUESTIONS, answersFromFile(DEMO_QUESTIONS, [0, 1])), /lists 2 answers; the election has 4 questions/],
    [() => readBallot(DEMO_QUESTIONS, answersFromFile(DEMO_QUESTIONS, { mayor: 0, council: 'x', budget: [0], motto: 5 })), /no candidate "x"/],
    [() => readBallot(DEMO_QUESTIONS, answersFromFile(DEMO_QUESTIONS, { mayor: { kind: 'approval', candidates: [] }, council: [], budget: [0], motto: '' })), /expected a plurality answer/],
    [() => answersFromFile(DEMO_QUESTIONS, 'mayor=0'), /a JSON array of answers or an object/],
  ])('refuses %#, naming the question', (read, message) => {
    expect(read).toThrow(ChoiceError);
    expect(read).toThrow(message);
  });

  it('describes the answers as the voter confirms them', () => {
    expect(describeAnswers(DEMO_QUESTIONS, all('blank', '0,5', '2,0', 'Grün'))).toEqual([
      'Mayor: (blank)',
      'Town council: Erin Walsh, Jonas Berg',
      'Budget priorities: 1. Schools  2. Parks',
      'Town motto: “Grün”',
    ]);
  });
});
