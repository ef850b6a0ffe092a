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
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * Starts the tool; resolves 'killed' if it was SIGKILLed `delay` ms after its first output, else
 * its exit code, with the time from its first output to its end (how long there is to hit).
 */
function runKilledAfter(args: string[], cwd: string, delay: number | null): Promise<{ outcome: number | 'killed'; output: string; busyMs: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OSTRAKA_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    let armed = false;
    let firstOutputAt = 0;
    const arm = () => {
      if (armed) return;
      armed = true;
      firstOutputAt = performance.now();
      if (delay === null) return;
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
    child.once('close', (code) => resolve({ outcome: killed ? 'killed' : (code as number), output, busyMs: armed ? performance.now() - firstOutputAt : 0 }));
  });
}

export function trusteeCrashSuite(options: { ballots: number; kills: number; timeoutMs?: number }): void {
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
    const args = (force: boolean, outFile = 'partial-decryption-1.json') => [
      'trustee', 'decrypt', '--keystore', 'trustee-1.keystore.json', '--passphrase-file', 'passphrase.txt', '--manifest', join(e!.transfer, 'manifest.json'),
      '--ciphertexts', join(e!.transfer, 'list.json'), '--expect-hash', list.hash, '--workers', '1', '--out', outFile, ...(force ? ['--force'] : []),
    ];
    const check = () =>
      spawnSync(process.execPath, [OSTRAKA_BIN, 'trustee', 'check', '--manifest', join(e!.transfer, 'manifest.json'), '--roster', join(e!.transfer, 'roster.json'), join(e!.transfer, 'list.json'), join(laptop.dir, 'finalization-1.json'), out], { encoding: 'utf8' });

    // A first run to another file measures how long the tool works after its first output: the
    // kills are drawn within that span, so that they land on a fast machine as on a slow one.
    const probe = await runKilledAfter(args(false, 'probe.json'), laptop.dir, null);
    expect(probe.outcome, probe.output).toBe(0);
    rmSync(join(laptop.dir, 'probe.json'));
    const span = Math.max(probe.busyMs, 1);

    const versions = new Set<string>();
    let landed = 0;
    let completedRuns = 0;
    // Half the kills while no file exists, one run to the end, the other half while the tool
    // replaces that file (a kill drawn late in the span may come after the end: that run completes,
    // which is checked too).
    for (let attempt = 0; landed < options.kills || !existsSync(out); attempt++) {
      expect(attempt, `seed ${seed}: ${landed} of ${options.kills} kills landed within ${span.toFixed(0)} ms of work`).toBeLessThan(options.kills * 5);
      const exists = existsSync(out);
      const delay = landed >= Math.ceil(options.kills / 2) && !exists ? null : Math.floor(random() * span);
      const { outcome, output } = await runKilledAfter(args(exists), laptop.dir, delay);
      if (outcome === 'killed') landed++;
      else {
        expect(outcome, output).toBe(0);
        completedRuns++;
      }
      // Absent, or complete and valid: never a part of a file under the final name.
      if (existsSync(out)) {
        const run = check();
        expect(run.status, `seed ${seed}, after ${outcome}: ${run.stdout}${run.stderr}`).toBe(0);
        versions.add(digest(out));
      }
      expect(digest(keystore)).toBe(keystoreBefore);
    }
    const leftovers = readdirSync(laptop.dir).filter((f) => f.endsWith('.tmp'));
    if (process.env.OSTRAKA_CRASH_REPORT)
      process.stderr.write(`trustee crash (seed ${seed}): ${landed} kills landed within ${span.toFixed(0)} ms of work, ${completedRuns} complete runs, ${versions.size} file versions, temporary files left: ${leftovers.length}\n`);

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
