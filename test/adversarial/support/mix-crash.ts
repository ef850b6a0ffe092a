/**
 * Mix servers (`ostraka mix run`, real processes) SIGKILLed at random instants of their round —
 * waiting, checking the earlier rounds, shuffling, proving, saving, posting chunks — and started
 * again on the same state directory, until each finishes. The mixer's own tests kill at chosen
 * points; this is the election-level check: whatever the instants, every round is on the board
 * once, with one output, its proof verifies, the tally equals what was cast, and the transcript
 * passes ostraka-verify.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeBallot, tallyBallots } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { tallyElection } from '@ostraka/election';
import { tempDir } from '../../../apps/board/test/support/fixtures.js';
import { killAllOstrakaProcesses, startOstraka, writeKeyFile } from '../../../apps/mixer/test/support/mix-process.js';
import { CRASH_TEST_TIMEOUT_MS, runSeed, seededRandom } from './seeded-random.js';
import { servedBoard, votedElection, type ServedBoard } from './served-election.js';
import { auditElection } from './verifier.js';

export function mixCrashSuite(options: { ballots: number; killsPerServer: number; maxDelayMs: number; timeoutMs?: number }): void {
  const seed = runSeed();
  const random = seededRandom(seed);
  const tmp = tempDir('ostraka-mix-crash-');
  let board: ServedBoard;
  beforeAll(async () => {
    // A small body cap: every round is posted in many chunks, so kills land between chunks too.
    board = await servedBoard(['--max-body-bytes', '16384']);
  });
  afterAll(async () => {
    killAllOstrakaProcesses();
    await board?.close();
    tmp.remove();
  });

  it(`two mix servers killed ${options.killsPerServer} times each at random instants complete the election with the right count (seed ${seed})`, async () => {
    const { fx, cast } = await votedElection(board, { id: 'mix-crash', voters: options.ballots, mixServers: 2 });
    await fx.closeAndStartMixing();
    const landed: string[] = [];
    // Kills are drawn within the time a run works after start-up, so that they land on a fast
    // machine as on a slow one: server 1's within maxDelayMs (a miss ends its kills: it has posted);
    // then, with T the time server 1's complete run took, server 2's first half of kills within T
    // (it checks round 1 before its own round, so it works longer: they land), the others within 2T
    // (up to its saving and posting).
    let measured: number | null = null;
    for (const [k, key] of fx.mixKeys.entries()) {
      const args = ['mix', 'run', '--board', board.url, '--election', fx.id, '--key', writeKeyFile(tmp.dir, `mix-${k + 1}.key`, key), '--workers', '1', '--state-dir', join(tmp.dir, `state-${k + 1}`), '--poll-ms', '50'];
      let kills = 0;
      for (let attempt = 0; ; attempt++) {
        const proc = startOstraka(args);
        // A random instant after the process is up (its first line on stderr): start-up under load
        // is slow and variable, and a kill before it does anything would test nothing.
        const span = measured === null ? options.maxDelayMs : kills < options.killsPerServer / 2 ? measured : 2 * measured;
        const delay = kills < options.killsPerServer ? Math.floor(random() * span) : null;
        const up = await Promise.race([proc.waitForStderr(/\S/).then(() => 'up' as const), proc.exited]);
        const upAt = performance.now();
        const outcome = up === 'up' && delay !== null ? await Promise.race([proc.exited, new Promise<'timer'>((r) => setTimeout(() => r('timer'), delay))]) : up === 'up' ? await proc.exited : up;
        if (outcome === 'timer') {
          proc.child.kill('SIGKILL');
          await proc.exited;
          kills++;
          landed.push(`server ${k + 1} at ${delay} ms: ${proc.stderr().trim().split('\n').pop()?.slice(0, 80) ?? ''}`);
          continue;
        }
        // Finished before the kill, or no kill left: then it must have succeeded.
        expect(outcome, proc.stderr()).toBe(0);
        if (measured === null) measured = Math.max(performance.now() - upAt, 1);
        break;
      }
    }

    expect(landed.length, `seed ${seed}: no kill landed before the servers finished`).toBeGreaterThan(0);
    const status = await fx.authority.status();
    expect(status.rounds.map((r) => r.peer)).toEqual(fx.mixKeys.map((key) => keyId(key.publicKey)));
    // One output per round: of all the cycles the mix servers opened, one holds each round.
    for (const key of fx.mixKeys) {
      const cycles = await fx.client.request<{ id: number; status: string; outbox_size: number }[]>('GET', `/peers/${keyId(key.publicKey)}/cycles`);
      expect(cycles.filter((c) => c.outbox_size > 0), `seed ${seed}`).toHaveLength(1);
    }
    await fx.decrypt([1, 3]);
    const outcome = await tallyElection(fx.authority);
    expect(outcome.tally, `seed ${seed}`).toEqual(tallyBallots(fx.manifest.questions, [...cast.values()].map((a) => encodeBallot(fx.manifest.questions, a))));
    const audit = await auditElection(board.url, fx.id);
    expect(audit.failures, `seed ${seed}`).toEqual([]);
    if (process.env.OSTRAKA_CRASH_REPORT) process.stderr.write(`mix crash (seed ${seed}): ${landed.length} kills landed\n  ${landed.join('\n  ')}\n`);
  }, options.timeoutMs ?? CRASH_TEST_TIMEOUT_MS);
}
