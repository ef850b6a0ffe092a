/**
 * The demo (`npm run demo`) with small parameters: whole elections through real processes (a
 * board, the trustee tool, mix servers, the voter CLI, the transcript export, receipt checks),
 * with a tally that must equal the count of the plaintext choices cast. One election with the
 * demo's ballot (one question of each kind) on ristretto255; one with the largest answers the
 * system promises (a 57-candidate full ranking, a 53-character write-in) on P-256.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electionWidth, type Question } from '@ostraka/protocol';
import { runDemo, tallyDifferences } from 'ostraka/demo';
import { scratchDir } from './e2e-support/election.js';

const scratches: { remove(): void }[] = [];
afterAll(() => scratches.forEach((s) => s.remove()));

describe('the demo, small', () => {
  it('runs an election of every question kind and tallies exactly what was cast', async () => {
    const s = scratchDir('demo');
    scratches.push(s);
    const result = await runDemo({ voters: 40, mixers: 2, trustees: 3, threshold: 2, kdfCost: 14, mixWorkers: 1, invalid: 3, recast: 2, out: s.dir, seed: 7, quiet: true });

    expect(tallyDifferences(result.tally, result.expected)).toEqual([]);
    expect(result.tally).toMatchObject({ ballots: 40, valid: 37, invalid: 3 });
    expect(result.tally.invalidPositions).toHaveLength(3);
    expect(result.tally.questions.map((q) => q.kind)).toEqual(['plurality', 'approval', 'ranked', 'write-in']);
    // Trustee 3 was absent by default (n > t): trustees 1 and 2 decrypted.
    expect(result.absent).toEqual([3]);
    expect(result.decryptions).toEqual([1, 2]);
    expect(result.mixRestarts).toEqual([0, 0]);
    // Receipts: the voter CLI's, re-cast ballots (the first one replaced), an invalid vote (counted: it is in the ballot box).
    expect(result.receipts.map((r) => r.counted).sort()).toEqual(result.receipts.map((r) => r.expected).sort());
    expect(result.receipts.filter((r) => r.counted === 'replaced')).toHaveLength(2);
    expect(result.receipts.every((r) => r.ok)).toBe(true);

    // What it leaves behind: the codes as mailed, the transcript, the results, a log per process.
    const csv = readFileSync(join(s.dir, 'voter-codes.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(41);
    expect(csv[1]).toMatch(/^voter-000001,[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const index = JSON.parse(readFileSync(join(result.transcript, 'transcript.json'), 'utf8'));
    expect(index).toMatchObject({ format: 'ostraka-transcript-v1', election: 'demo-election' });
    expect(JSON.parse(readFileSync(join(s.dir, 'results.json'), 'utf8')).tally).toEqual(JSON.parse(JSON.stringify(result.tally)));
    const logs = readdirSync(join(s.dir, 'logs'));
    for (const name of ['board.log', 'trustee-1-init.log', 'trustee-3-finalize.log', 'mix-2-run.log', 'vote-voter-000001.log', 'export.log']) expect(logs).toContain(name);
    expect(logs).not.toContain('trustee-3-decrypt.log');

    // The table: counts with bars, the runoff round by round, write-ins, invalid ballots.
    expect(result.table).toContain('Mayor (one choice)');
    expect(result.table).toMatch(/Alice Moreau +█+ +\d+ +\d+\.\d%/);
    expect(result.table).toMatch(/round 1 +round 2/);
    expect(result.table).toContain('← winner');
    expect(result.table).toMatch(/“Forward together”/);
    expect(result.table).toContain('Invalid ballots: 3 (positions in the final mix output:');

    // Run again into the same directory: a previous demo's output is replaced; a foreign file stops it.
    writeFileSync(join(s.dir, 'notes.txt'), 'mine');
    await expect(runDemo({ voters: 2, out: s.dir, quiet: true })).rejects.toThrow(/also holds "notes.txt"/);
    expect(existsSync(join(s.dir, 'transcript', 'transcript.json'))).toBe(true);
  }, 240_000);

  it('fits a 57-candidate full ranking and a 53-character write-in (P-256, one mix server, 2 of 2 trustees)', async () => {
    const s = scratchDir('demo-wide');
    scratches.push(s);
    const questions: Question[] = [
      { kind: 'ranked', id: 'order', title: 'Order of all candidates', candidates: Array.from({ length: 57 }, (_, i) => `Candidate ${i + 1}`), minRanks: 57, maxRanks: 57 },
      { kind: 'write-in', id: 'comment', title: 'Comment', maxLength: 53 },
    ];
    expect(electionWidth({ group: 'p256', questions })).toBeGreaterThan(2);
    const result = await runDemo({ voters: 6, mixers: 1, trustees: 2, threshold: 2, group: 'p256', questions, kdfCost: 14, mixWorkers: 1, invalid: 1, recast: 1, receipts: 3, out: s.dir, quiet: true });
    expect(tallyDifferences(result.tally, result.expected)).toEqual([]);
    expect(result.tally).toMatchObject({ ballots: 6, valid: 5, invalid: 1 });
    const ranked = result.tally.questions[0];
    expect(ranked.kind === 'ranked' && ranked.rounds[0].counts).toHaveLength(57);
    // The voter of the CLI filled the ballot to its limits: 57 ranks and 53 characters.
    const comments = result.tally.questions[1];
    expect(comments.kind === 'write-in' && comments.answers.map((a) => a.text)).toContain('Many hands, one town, one count: every voice matters.');
    expect(result.absent).toEqual([]);
    expect(result.decryptions).toEqual([1, 2]);
  }, 240_000);
});
