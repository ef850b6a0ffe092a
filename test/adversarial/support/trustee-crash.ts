/**
 * The trustee tool SIGKILLed while it decrypts and writes its partial-decryption file (the
 * largest file a trustee writes), at random instants, first while no file exists, then while it
 * replaces one (`--force`): the file is always absent or complete and valid (`ostraka trustee
 * check` accepts it), never a part; the keystore is never touched; and once the trustee runs to
 * the end, the election completes with the right count and a transcript that verifies. Everything
 * runs as real processes (the board, the trustee tool, the mix server), as in the demo.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { castBallot, createBallot } from '@ostraka/client';
import { encodeBallot, tallyBallots } from '@ostraka/protocol';
import { DEFAULT_QUESTIONS } from '@ostraka/election/testing';
import { runMixServers, type DemoElection } from 'ostraka/demo';
import { OSTRAKA_BIN } from '../../../apps/board/test/support/server-process.js';
import { openElection, scratchDir, silentBar } from '../../e2e-support/election.js';
import { answers } from './ballots.js';
import { CRASH_TEST_TIMEOUT_MS, runSeed, seededRandom } from './seeded-random.js';
import { auditElection } from './verifier.js';

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Starts the tool; resolves 'killed' if it was SIGKILLed `delay` ms after its first output, else its exit code. */
function runKilledAfter(args: string[], cwd: string, delay: number | null): Promise<{ outcome: number | 'killed'; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OSTRAKA_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    let armed = false;
    const arm = () => {
      if (armed || delay === null) return;
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          killed = true;
          child.kill('SIGKILL');
        }
      }, delay);
    };
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (d: Buffer) => {
        output += d.toString();
        arm();
      });
    child.once('close', (code) => resolve({ outcome: killed ? 'killed' : (code as number), output }));
  });
}

export function trusteeCrashSuite(options: { ballots: number; kills: number; maxDelayMs: number; timeoutMs?: number }): void {
  const seed = runSeed();
  const random = seededRandom(seed);
  const scratch = scratchDir('trustee-crash');
  let e: DemoElection | null = null;
  afterAll(async () => {
    await e?.stop();
    scratch.remove();
  });

  it(`the trustee tool killed ${options.kills} times while writing its partial decryptions leaves no partial file, and the election completes (seed ${seed})`, async () => {
    const opened = await openElection(scratch.dir, { voters: options.ballots, election: 'trustee-crash', questions: DEFAULT_QUESTIONS, trustees: { count: 3, threshold: 2 } });
    e = opened.e;
    const status = await e.authority.status();
    const cast = opened.roll.keys.map((_, i) => answers(i));
    for (const [i, key] of opened.roll.keys.entries())
      await castBallot(e.board.url, { id: e.id, authority: e.authority.peerId, ballotCycle: status.ballot_cycle as number }, createBallot(e.manifest, e.jointKey, cast[i], key), key);
    await e.closeVoting();
    await runMixServers(e, 1, silentBar);
    const list = await e.startDecrypting();

    const laptop = e.trustees.laptops[0];
    const out = join(laptop.dir, 'partial-decryption-1.json');
    const keystore = join(laptop.dir, 'trustee-1.keystore.json');
    const keystoreBefore = digest(keystore);
    const args = (force: boolean) => [
      'trustee', 'decrypt', '--keystore', 'trustee-1.keystore.json', '--passphrase-file', 'passphrase.txt', '--manifest', join(e!.transfer, 'manifest.json'),
      '--ciphertexts', join(e!.transfer, 'list.json'), '--expect-hash', list.hash, '--workers', '1', '--out', 'partial-decryption-1.json', ...(force ? ['--force'] : []),
    ];
    const check = () =>
      spawnSync(process.execPath, [OSTRAKA_BIN, 'trustee', 'check', '--manifest', join(e!.transfer, 'manifest.json'), '--roster', join(e!.transfer, 'roster.json'), join(e!.transfer, 'list.json'), join(laptop.dir, 'finalization-1.json'), out], { encoding: 'utf8' });

    const versions = new Set<string>();
    let landed = 0;
    let completedRuns = 0;
    for (let k = 0; k < options.kills || completedRuns === 0; ) {
      const exists = existsSync(out);
      const delay = k < options.kills ? Math.floor(random() * options.maxDelayMs) : null;
      const { outcome, output } = await runKilledAfter(args(exists), laptop.dir, delay);
      if (outcome === 'killed') {
        landed++;
        k++;
      } else {
        expect(outcome, output).toBe(0);
        completedRuns++;
        if (delay !== null) k++;
      }
      // Absent, or complete and valid: never a part of a file under the final name.
      if (existsSync(out)) {
        const run = check();
        expect(run.status, `seed ${seed}, after ${outcome}: ${run.stdout}${run.stderr}`).toBe(0);
        versions.add(digest(out));
      }
      expect(digest(keystore)).toBe(keystoreBefore);
    }
    expect(landed, `seed ${seed}`).toBeGreaterThan(0);
    const leftovers = readdirSync(laptop.dir).filter((f) => f.endsWith('.tmp'));
    if (process.env.OSTRAKA_CRASH_REPORT)
      process.stderr.write(`trustee crash (seed ${seed}): ${landed} kills landed, ${completedRuns} complete runs, ${versions.size} file versions, temporary files left: ${leftovers.length}\n`);

    // Trustee 2 decrypts normally; both files go to the board; the count is what was cast.
    await e.trustees.decrypt([2], list.hash, 1);
    await e.authority.relayDocument('decryption.partial', 1, readFileSync(out, 'utf8'));
    await e.authority.relayDocument('decryption.partial', 2, e.trustees.fileText(e.trustees.laptops[1], 'partial-decryption-2.json'));
    const outcome = await e.tally();
    expect(outcome.rejected).toEqual([]);
    expect(outcome.tally, `seed ${seed}`).toEqual(tallyBallots(e.manifest.questions, cast.map((a) => encodeBallot(e!.manifest.questions, a))));
    const audit = await auditElection(e.board.url, e.id);
    expect(audit.failures).toEqual([]);
  }, options.timeoutMs ?? CRASH_TEST_TIMEOUT_MS);
}
