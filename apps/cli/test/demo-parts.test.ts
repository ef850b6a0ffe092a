/**
 * The demo's own parts, without processes: the output directory's safety rules, the simulated
 * voters (always valid answers), the invalid votes (valid proofs, plaintexts that never decode),
 * the comparison of tallies, bounded concurrency, and the results table.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCiphertext, decodeEncryptionProof, decodePlaintext, fromHex, generateSigningKey, groupByName, toHex, verifyEncryption, type Group } from '@ostraka/crypto';
import { decodeBallot, encodeBallot, InvalidBallotError, tallyBallots, type FullManifest, type Question } from '@ostraka/protocol';
import { DEMO_QUESTIONS, encryptPlaintextBytes, invalidPlaintext, mapConcurrent, MARKER, OutputDirError, prepareOutputDir, renderResults, tallyDifferences, VoterBehaviour } from 'ostraka/demo';

const root = mkdtempSync(join(tmpdir(), 'ostraka-demo-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the output directory', () => {
  it('is created when missing, used when empty, and marked', () => {
    const dir = prepareOutputDir(join(root, 'fresh'));
    expect(readdirSync(dir)).toEqual([MARKER]);
    mkdirSync(join(root, 'empty'));
    expect(readdirSync(prepareOutputDir(join(root, 'empty')))).toEqual([MARKER]);
  });

  it("clears a previous demo's output, and only that", () => {
    const dir = prepareOutputDir(join(root, 'previous'));
    mkdirSync(join(dir, 'board'));
    writeFileSync(join(dir, 'board', 'board.sqlite'), 'x');
    writeFileSync(join(dir, 'voter-codes.csv'), 'voter,code\n');
    // A link inside is removed as a link: what it points to survives.
    writeFileSync(join(root, 'precious.txt'), 'keep me');
    mkdirSync(join(dir, 'logs'));
    symlinkSync(join(root, 'precious.txt'), join(dir, 'logs', 'link.log'));
    prepareOutputDir(dir);
    expect(readdirSync(dir)).toEqual([MARKER]);
    expect(existsSync(join(root, 'precious.txt'))).toBe(true);
  });

  it('refuses a directory that is not a demo output, or that holds anything else, and a file', () => {
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'thesis.tex'), '…');
    expect(() => prepareOutputDir(foreign)).toThrow(/is not empty and is not a previous demo's output/);
    writeFileSync(join(foreign, MARKER), 'not json');
    expect(() => prepareOutputDir(foreign)).toThrow(OutputDirError);
    const mixed = prepareOutputDir(join(root, 'mixed'));
    writeFileSync(join(mixed, 'notes.txt'), 'mine');
    mkdirSync(join(mixed, 'board'));
    expect(() => prepareOutputDir(mixed)).toThrow(/also holds "notes.txt"/);
    expect(existsSync(join(mixed, 'board'))).toBe(true);
    writeFileSync(join(root, 'a-file'), '');
    expect(() => prepareOutputDir(join(root, 'a-file'))).toThrow(/not a directory/);
  });
});

const questionArb: fc.Arbitrary<Question> = fc.oneof(
  fc.record({ n: fc.integer({ min: 2, max: 12 }), blank: fc.boolean() }).map(({ n, blank }) => ({ kind: 'plurality' as const, id: 'p', title: 'P', candidates: Array.from({ length: n }, (_, i) => `c${i}`), allowBlank: blank })),
  fc.record({ n: fc.integer({ min: 1, max: 20 }), a: fc.nat(20), b: fc.nat(20) }).map(({ n, a, b }) => {
    const max = 1 + (Math.max(a, b) % n);
    return { kind: 'approval' as const, id: 'a', title: 'A', candidates: Array.from({ length: n }, (_, i) => `c${i}`), minChoices: Math.min(a, b) % (max + 1), maxChoices: max };
  }),
  fc.record({ n: fc.integer({ min: 2, max: 57 }), a: fc.nat(57), b: fc.nat(57) }).map(({ n, a, b }) => {
    const max = 1 + (Math.max(a, b) % n);
    return { kind: 'ranked' as const, id: 'r', title: 'R', candidates: Array.from({ length: n }, (_, i) => `c${i}`), minRanks: 1 + (Math.min(a, b) % max), maxRanks: max };
  }),
  fc.integer({ min: 1, max: 60 }).map((maxLength) => ({ kind: 'write-in' as const, id: 'w', title: 'W', maxLength })),
);

describe('the simulated voters', () => {
  it('always give valid answers, whatever the question (and the longest answers are valid too)', () => {
    fc.assert(
      fc.property(questionArb, fc.nat(), fc.boolean(), (q, seed, longest) => {
        const behaviour = new VoterBehaviour(seed);
        for (let i = 0; i < 20; i++) expect(decodeBallot([q], encodeBallot([q], [behaviour.answer(q, longest)]))).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('repeat their choices for a seed, and spread them for different seeds', () => {
    const a = new VoterBehaviour(5).ballot(DEMO_QUESTIONS);
    expect(new VoterBehaviour(5).ballot(DEMO_QUESTIONS)).toEqual(a);
    const many = Array.from({ length: 50 }, (_, s) => JSON.stringify(new VoterBehaviour(s).ballot(DEMO_QUESTIONS)));
    expect(new Set(many).size).toBeGreaterThan(40);
  });
});

describe('invalid votes', () => {
  const group = groupByName('ristretto255') as Group<unknown>;
  const secret = group.scalars.randomNonZero();
  const jointKey = toHex(group.encode(group.multiply(group.generator, secret)));
  const manifest = { id: 'demo-election', group: 'ristretto255', questions: DEMO_QUESTIONS } as unknown as FullManifest;

  it('never decode to a valid vote, for every variant and every valid answer they start from', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(7), (seed, variant) => {
        const { bytes } = invalidPlaintext(DEMO_QUESTIONS, new VoterBehaviour(seed).ballot(DEMO_QUESTIONS), variant);
        expect(() => decodeBallot(DEMO_QUESTIONS, bytes)).toThrow(InvalidBallotError);
      }),
      { numRuns: 100 },
    );
  });

  it('are encrypted with a proof that verifies, and decrypt to exactly those bytes', () => {
    const credential = generateSigningKey();
    for (const variant of [0, 1, 2, 3]) {
      const { bytes, reason } = invalidPlaintext(DEMO_QUESTIONS, new VoterBehaviour(variant).ballot(DEMO_QUESTIONS), variant);
      expect(reason).toMatch(/question "/);
      const ballot = encryptPlaintextBytes(manifest, jointKey, bytes, credential);
      const ciphertext = decodeCiphertext(group, fromHex(ballot.ciphertext), 2);
      const proof = decodeEncryptionProof(group, fromHex(ballot.proof), 2);
      expect(verifyEncryption(group, { election: 'demo-election', step: 'ballot' }, credential.publicKey, group.decode(fromHex(jointKey)), ciphertext, proof)).toBe(true);
      expect(verifyEncryption(group, { election: 'another-election', step: 'ballot' }, credential.publicKey, group.decode(fromHex(jointKey)), ciphertext, proof)).toBe(false);
      const elements = ciphertext.a.map((a, j) => group.add(ciphertext.b[j], group.negate(group.multiply(a, secret))));
      expect(toHex(decodePlaintext(group, elements))).toBe(toHex(bytes));
    }
  });

  it('refuse a manifest whose questions cannot be answered invalidly', () => {
    const q: Question = { kind: 'approval', id: 'a', title: 'A', candidates: ['x'], minChoices: 0, maxChoices: 1 };
    expect(() => invalidPlaintext([q], [{ kind: 'approval', candidates: [] }], 0)).toThrow(RangeError);
  });
});

describe('comparing tallies', () => {
  it('finds no difference in equal counts and names every difference', () => {
    const b = new VoterBehaviour(3);
    const plaintexts = Array.from({ length: 30 }, () => encodeBallot(DEMO_QUESTIONS, b.ballot(DEMO_QUESTIONS)));
    const tally = tallyBallots(DEMO_QUESTIONS, plaintexts);
    // The order of the ballots (the mix's permutation) changes nothing but the invalid positions.
    expect(tallyDifferences(tallyBallots(DEMO_QUESTIONS, [...plaintexts].reverse()), tally)).toEqual([]);
    const moved = tallyBallots(DEMO_QUESTIONS, [...plaintexts.slice(1), encodeBallot(DEMO_QUESTIONS, [{ kind: 'plurality', candidate: 3 }, { kind: 'approval', candidates: [] }, { kind: 'ranked', ranking: [4] }, { kind: 'write-in', text: 'new' }])]);
    const differences = tallyDifferences(moved, tally);
    expect(differences.some((d) => d.startsWith('question "motto"'))).toBe(true);
    expect(tallyDifferences(tallyBallots(DEMO_QUESTIONS, [...plaintexts, null]), tally)).toEqual(expect.arrayContaining([expect.stringMatching(/^ballots: the tally says 31, the demo cast 30/)]));
  });
});

describe('bounded concurrency', () => {
  it('keeps at most `limit` tasks in flight and the results in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent(Array.from({ length: 25 }, (_, i) => i), 4, async (i) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      inFlight--;
      return i * i;
    });
    expect(peak).toBe(4);
    expect(out).toEqual(Array.from({ length: 25 }, (_, i) => i * i));
  });

  it('stops starting tasks after a failure, and throws it once the running ones have settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = mapConcurrent(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      started.push(i);
      await new Promise((r) => setTimeout(r, 5));
      settled++;
      if (i === 1) throw new Error('task 1 failed');
    });
    await expect(run).rejects.toThrow('task 1 failed');
    expect(started.length).toBeLessThan(20);
    expect(settled).toBe(started.length);
  });
});

describe('the results table', () => {
  it('shows counts with bars, the runoff round by round, write-ins and invalid ballots', () => {
    const manifest = { id: 'demo-election', title: 'Demo town election', questions: DEMO_QUESTIONS } as unknown as FullManifest;
    const p = (mayor: number | null, budget: number[], motto: string) =>
      encodeBallot(DEMO_QUESTIONS, [{ kind: 'plurality', candidate: mayor }, { kind: 'approval', candidates: mayor === null ? [] : [mayor] }, { kind: 'ranked', ranking: budget }, { kind: 'write-in', text: motto }]);
    const tally = tallyBallots(DEMO_QUESTIONS, [p(0, [2, 0], 'By the river'), p(0, [0], 'By the river'), p(1, [1, 0], ''), p(null, [2, 1], 'Keep\u0007it'), p(1, [1, 2], 'x'), null]);
    const table = renderResults(manifest, tally);
    expect(table).toContain('6 ballots decrypted: 5 valid, 1 invalid');
    expect(table).toMatch(/ {2}Alice Moreau +█{30} 2 +40\.0%/);
    expect(table).toMatch(/ {2}\(blank\) +█{15} +1 +20\.0%/);
    // Parks, then the tie between Public transport and Schools (equal in every round: the one listed last goes).
    expect(table).toMatch(/Budget priorities \(ranked, instant-runoff\)\n +round 1 +round 2 +round 3 +round 4 +round 5\n {2}Parks +1 +1 +1 +— +—\n/);
    expect(table).toMatch(/ {2}Public transport +2 +2 +2 +2 +3 {2}← winner\n/);
    expect(table).toMatch(/ {2}eliminated +Cycle lanes +Libraries +Parks +Schools/);
    expect(table).toMatch(/winner: Public transport, with 3 of 3 continuing ballots \(100\.0%\) in round 5/);
    expect(table).toContain('“By the river”');
    expect(table).toContain('“Keep�it”');
    expect(table).toMatch(/Invalid ballots: 1 \(positions in the final mix output: 5\)/);
  });
});
