/**
 * Faults through real processes, each with its visible outcome: mix servers killed with SIGKILL
 * in the middle of their proof and after saving it (started again, each completes and the board
 * holds one output per round), and trustees absent at decryption (fewer than t: the tally is
 * refused and nothing is posted; once t have decrypted, it completes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { castAll, ExpectedCount, planCasting, runDemo, runMixServers, tallyDifferences, VoterBehaviour } from 'ostraka/demo';
import { openElection, scratchDir, silentBar } from './e2e-support/election.js';

const scratches: { remove(): void }[] = [];
afterAll(() => scratches.forEach((s) => s.remove()));

interface TranscriptEntry {
  type: string;
  payload: { cycle_id?: number; data?: { round?: number; part?: string }; chunk?: { doc: string; index: number } };
}

function transcriptEntries(dir: string): TranscriptEntry[] {
  const log = join(dir, 'log');
  return readdirSync(log)
    .filter((f) => f.startsWith('entries-'))
    .sort()
    .flatMap((f) => readFileSync(join(log, f), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as TranscriptEntry));
}

describe('faults', () => {
  it('mix servers killed mid-proof and after saving are started again: each round completes, with one output', async () => {
    const s = scratchDir('mix-kill');
    scratches.push(s);
    const result = await runDemo({
      voters: 150,
      mixers: 2,
      trustees: 3,
      threshold: 2,
      kdfCost: 14,
      mixWorkers: 1,
      receipts: 3,
      out: s.dir,
      quiet: true,
      killMixServers: [
        { round: 1, when: /round 1: commit: / },
        { round: 2, when: /saved output and proof/ },
      ],
    });
    expect(result.mixRestarts).toEqual([1, 1]);
    expect(tallyDifferences(result.tally, result.expected)).toEqual([]);

    const logs = join(s.dir, 'logs');
    // Killed before anything was saved: the restarted server mixes again from the start.
    const first = readFileSync(join(logs, 'mix-1-run.log'), 'utf8');
    expect(first).toMatch(/round 1: commit: /);
    expect(first).not.toMatch(/saved output and proof/);
    expect(readFileSync(join(logs, 'mix-1-run-2.log'), 'utf8')).toMatch(/round 1 is on the board/);
    // Killed after saving: the restarted server resumes from its state directory (or finds the round complete).
    expect(readFileSync(join(logs, 'mix-2-run-2.log'), 'utf8')).toMatch(/resuming: output and proof of round 2 were saved before|round 2 is already on the board/);

    // The board holds one output and one proof per round, each in one cycle, each chunk once.
    const chunks = transcriptEntries(result.transcript).filter((e) => e.type === 'message.outbox' && e.payload.chunk);
    for (const round of [1, 2])
      for (const part of ['output', 'proof']) {
        const mine = chunks.filter((e) => e.payload.data?.round === round && e.payload.data?.part === part);
        expect(new Set(mine.map((e) => e.payload.cycle_id)).size).toBe(1);
        const indices = mine.map((e) => e.payload.chunk!.index);
        expect(new Set(indices).size).toBe(indices.length);
        expect(mine[0].payload.chunk!.doc).toBe(`round-${round}-${part}`);
      }
  }, 240_000);

  it('trustees absent: fewer than t partial decryptions are refused and change nothing; with t, the tally completes', async () => {
    const s = scratchDir('absent');
    scratches.push(s);
    const { e, roll } = await openElection(s.dir, { voters: 12, trustees: { count: 3, threshold: 2 }, mixServers: 1 });
    try {
      const behaviour = new VoterBehaviour(11);
      const expected = new ExpectedCount(e.manifest.questions);
      const plan = planCasting(12, { invalid: 1, recast: 1, sample: 0 }, behaviour);
      await castAll({ e, roll, plan, behaviour, expected, receiptsDir: join(s.dir, 'receipts') }, 4, silentBar);
      await e.closeVoting();
      await runMixServers(e, 1, silentBar);
      await e.startDecrypting();

      // Only trustee 2 turns up: one partial decryption, two needed.
      await e.trusteesDecrypt([2], 1);
      await expect(e.tally()).rejects.toThrow(/needs valid partial decryptions from 2 trustees, got 1 \[2\]/);
      const waiting = await e.authority.status();
      expect(waiting.state).toBe('decrypting');
      expect(waiting.tally_entry).toBeNull();
      expect(waiting.documents['decryption.partial']).toEqual([2]);

      // Trustee 3 decrypts too; trustee 1 stays away.
      await e.trusteesDecrypt([3], 1);
      const outcome = await e.tally();
      expect(outcome.decryptions).toEqual([2, 3]);
      expect(tallyDifferences(outcome.tally, expected.tally())).toEqual([]);
      expect(outcome.tally).toMatchObject({ ballots: 12, invalid: 1 });
      expect((await e.authority.status()).state).toBe('tallied');
    } finally {
      await e.stop();
    }
  }, 240_000);
});
