/**
 * `ostraka mix run` as real processes against a served board (`ostraka board serve`, which loads
 * the election plugin), with elections set up by the election fixture: two mix servers complete
 * their rounds in turn and the tally is what was cast; a mix server killed mid-proof starts over
 * and posts one output; a tampered earlier round is refused, naming the round.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@ostraka/crypto';
import { encodeBallot, tallyBallots } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { tallyElection } from '@ostraka/election';
import { mixInProcess } from '@ostraka/election/testing';
import { servedBoard, type ServedBoard } from '../../board/test/support/fixtures.js';
import { killAllOstrakaProcesses, runOstraka, startOstraka, writeKeyFile } from './support/mix-process.js';
import { outboxOf, roundVerifies, votedElection } from './support/mixing-election.js';
import { tempDir } from './support/temp-dir.js';

const tmp = tempDir();
let board: ServedBoard;

beforeAll(async () => {
  // A small body cap, so that every round is posted in several chunks.
  board = await servedBoard(['--max-body-bytes', '8192']);
});
afterAll(async () => {
  killAllOstrakaProcesses();
  await board?.close();
  tmp.remove();
});

const mixArgs = (election: string, keyFile: string, stateDir: string) => [
  'mix', 'run', '--board', board.url, '--election', election, '--key', keyFile, '--workers', '1', '--state-dir', stateDir, '--poll-ms', '50',
];

describe('ostraka mix run', () => {
  it('two mix servers started before mixing wait for their turn, check, mix and post; the tally is what was cast', async () => {
    const { fx, cast } = await votedElection(board.url, board.authority, 'two-rounds', 12, 2);
    const keys = fx.mixKeys.map((k, i) => writeKeyFile(tmp.dir, `two-rounds-${i + 1}.key`, k));
    const servers = keys.map((key, i) => startOstraka(mixArgs(fx.id, key, join(tmp.dir, `state-two-rounds-${i + 1}`))));
    await servers[0].waitForStderr(/waiting for mixing to start \(election "two-rounds" is voting-open\)/);
    await servers[1].waitForStderr(/waiting for mixing to start/);
    await fx.closeAndStartMixing();
    expect(await servers[0].exited).toBe(0);
    expect(await servers[1].exited).toBe(0);

    const status = await fx.authority.status();
    expect(status.rounds.map((r) => r.peer)).toEqual(fx.mixKeys.map((k) => keyId(k.publicKey)));
    for (const [i, server] of servers.entries()) {
      const result = JSON.parse(server.stdout());
      expect(result).toMatchObject({ election: 'two-rounds', round: i + 1, outcome: 'posted', count: 12, output_hash: status.rounds[i].output_hash, cycle: 1 });
    }
    expect(servers[1].stderr()).toMatch(/waiting for round 1/);
    expect(servers[1].stderr()).toMatch(/checking round 1: verify/);
    expect(servers[0].stderr()).toMatch(/round 1: commit/);
    for (const round of [1, 2]) expect(await roundVerifies(fx.client, fx, round)).toEqual({ ok: true, count: 12 });

    // Each round is one PROCESSED cycle holding both documents, each in several chunks.
    for (const [i, key] of fx.mixKeys.entries()) {
      const [cycle, ...others] = await outboxOf(fx.client, keyId(key.publicKey));
      expect(others).toEqual([]);
      expect(cycle.status).toBe('PROCESSED');
      const docs = new Map<string, number>();
      for (const m of cycle.messages) docs.set(m.chunk!.doc, (docs.get(m.chunk!.doc) ?? 0) + 1);
      expect([...docs.keys()]).toEqual([`round-${i + 1}-output`, `round-${i + 1}-proof`]);
      for (const n of docs.values()) expect(n).toBeGreaterThan(1);
    }

    // Running a mix server again once its round is on the board changes nothing.
    const again = await runOstraka(mixArgs(fx.id, keys[0], join(tmp.dir, 'state-two-rounds-1')));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ round: 1, outcome: 'complete', output_hash: status.rounds[0].output_hash });

    // The shuffled ballots decrypt to exactly what was cast.
    await fx.decrypt([1, 2]);
    const outcome = await tallyElection(fx.authority);
    const expected = tallyBallots(fx.manifest.questions, cast.map((a) => encodeBallot(fx.manifest.questions, a)));
    expect(outcome.tally.questions).toEqual(expected.questions);
    expect(outcome.tally.valid).toBe(12);
  });

  it('killed (SIGKILL) in the middle of its proof, starts over when restarted and posts one output', async () => {
    const { fx } = await votedElection(board.url, board.authority, 'killed-mid-proof', 100, 1);
    await fx.closeAndStartMixing();
    const key = writeKeyFile(tmp.dir, 'killed.key', fx.mixKeys[0]);
    const stateDir = join(tmp.dir, 'state-killed');
    const first = startOstraka(mixArgs(fx.id, key, stateDir));
    await first.waitForStderr(/round 1: commit/);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // Killed before the save: nothing saved, nothing posted, the round still open.
    const info = await fx.client.info();
    expect(existsSync(join(stateDir, info.board_id, fx.id, 'round-1', 'round.json'))).toBe(false);
    expect(await outboxOf(fx.client, keyId(fx.mixKeys[0].publicKey))).toEqual([]);

    const second = await runOstraka(mixArgs(fx.id, key, stateDir));
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/resuming/);
    const status = await fx.authority.status();
    expect(status.rounds).toHaveLength(1);
    expect(JSON.parse(second.stdout)).toMatchObject({ outcome: 'posted', output_hash: status.rounds[0].output_hash });
    const cycles = await outboxOf(fx.client, keyId(fx.mixKeys[0].publicKey));
    expect(cycles).toHaveLength(1);
    expect(await roundVerifies(fx.client, fx, 1)).toEqual({ ok: true, count: 100 });
  });

  it('refuses to mix on top of a round whose proof does not verify, naming the round, and posts nothing', async () => {
    const { fx } = await votedElection(board.url, board.authority, 'tampered', 6, 2);
    await fx.closeAndStartMixing();
    // Mix server 1 cheats: its output is not the shuffle its proof is about.
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1, { tamper: true });
    const key = writeKeyFile(tmp.dir, 'honest.key', fx.mixKeys[1]);
    const run = await runOstraka(mixArgs(fx.id, key, join(tmp.dir, 'state-tampered')));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/round 1 does not verify: its shuffle proof is invalid/);
    expect(run.stdout).toBe('');
    expect(await outboxOf(fx.client, keyId(fx.mixKeys[1].publicKey))).toEqual([]);
    expect((await fx.authority.status()).rounds).toHaveLength(1);
  });

  it('refuses (exit 2) a key that is not one of the election\'s mix servers', async () => {
    const stranger = writeKeyFile(tmp.dir, 'stranger.key', generateSigningKey());
    const run = await runOstraka(mixArgs('tampered', stranger, join(tmp.dir, 'state-stranger')));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/this key \(peer [0-9a-f]{32}\) is not a mix server of election "tampered"/);
  });
});
