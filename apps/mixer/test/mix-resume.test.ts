/**
 * Restarts at the awkward moments, made exact by a board plugin that SIGKILLs the mix server
 * while the board applies a chosen write (the write still commits; the mix server never sees the
 * reply): after half of its chunks, right after creating its cycle, and after its last chunk.
 * The board runs in this process (createBoard with the election plugin, served over HTTP); the
 * mix servers are `ostraka mix run` processes.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, type SigningKey } from '@ostraka/crypto';
import { keyId, type MessagePayload } from '@ostraka/protocol/log';
import { createBoard, startServer, type Board, type BoardPlugin, type RunningServer } from '@ostraka/board';
import { electionPlugin } from '@ostraka/election';
import { killAllOstrakaProcesses, runOstraka, startOstraka, writeKeyFile } from './support/mix-process.js';
import { outboxOf, roundVerifies, votedElection, type VotedElection } from './support/mixing-election.js';
import { tempDir } from './support/temp-dir.js';

/** Kills `target` when the board applies the first write `when` matches. */
const trap: { target: ChildProcess | null; when: (type: string, payload: Record<string, unknown>) => boolean } = { target: null, when: () => false };
const killer: BoardPlugin = (board: Board) => {
  for (const type of ['message.outbox', 'cycle.create'])
    board.extendEntryType(type, {
      apply(ctx) {
        if (trap.target && trap.when(type, ctx.payload as Record<string, unknown>)) {
          trap.target.kill('SIGKILL');
          trap.target = null;
        }
      },
    });
};

const tmp = tempDir();
const authority = generateSigningKey();
let server: RunningServer;
let election: VotedElection;
let keys: string[];

beforeAll(async () => {
  const board = await createBoard({
    storage: join(tmp.dir, 'board.sqlite'),
    key: generateSigningKey(),
    authorityKey: authority.publicKey,
    plugins: [electionPlugin, killer],
    // Small bodies: a round of 12 ballots goes out in 3 output chunks and 2 proof chunks.
    limits: { maxBodyBytes: 8192, rateLimit: 0 },
  });
  server = await startServer(board, '127.0.0.1', 0);
  election = await votedElection(server.url, authority, 'resume', 12, 4);
  keys = election.fx.mixKeys.map((k: SigningKey, i: number) => writeKeyFile(tmp.dir, `mix-${i + 1}.key`, k));
  await election.fx.closeAndStartMixing();
});
afterAll(async () => {
  killAllOstrakaProcesses();
  await server?.close();
  tmp.remove();
});

const mixArgs = (k: number, stateDir: string, url = server.url) => ['mix', 'run', '--board', url, '--election', 'resume', '--key', keys[k - 1], '--workers', '1', '--state-dir', stateDir, '--poll-ms', '50'];
const peer = (k: number) => keyId(election.fx.mixKeys[k - 1].publicKey);

/** Starts mix server k with the trap set, and waits until the trap has killed it. */
async function killedWhen(k: number, stateDir: string, when: typeof trap.when): Promise<void> {
  const run = startOstraka(mixArgs(k, stateDir));
  trap.when = when;
  trap.target = run.child;
  expect(await run.exited, run.stderr()).toBe('SIGKILL');
}

describe('a restarted mix server', () => {
  it('killed after posting 2 of its 5 chunks, posts only the missing ones; a run without the saved state refuses', async () => {
    const stateDir = join(tmp.dir, 'state-1');
    await killedWhen(1, stateDir, (type, p) => type === 'message.outbox' && (p as MessagePayload).chunk?.doc === 'round-1-output' && (p as MessagePayload).chunk?.index === 1);
    const [cycle] = await outboxOf(election.fx.client, peer(1));
    expect(cycle.status).toBe('CLOSED');
    expect(cycle.messages.map((m) => `${m.chunk!.doc}#${m.chunk!.index}/${m.chunk!.count}`)).toEqual(['round-1-output#0/3', 'round-1-output#1/3']);

    // The state directory lost: the saved output is gone, and mixing anew would be a second output.
    const lost = await runOstraka(mixArgs(1, join(tmp.dir, 'state-1-lost')));
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(/already holds part of round 1 from this key/);
    expect((await outboxOf(election.fx.client, peer(1)))[0].messages).toHaveLength(2);

    const resumed = await runOstraka(mixArgs(1, stateDir));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: output and proof of round 1 were saved before/);
    expect(resumed.stderr).toMatch(/resuming round 1 in cycle 1: 2\/3 output and 0\/2 proof chunks are on the board/);
    const cycles = await outboxOf(election.fx.client, peer(1));
    expect(cycles).toHaveLength(1);
    expect(cycles[0].status).toBe('PROCESSED');
    expect(cycles[0].messages.map((m) => `${m.chunk!.doc}#${m.chunk!.index}`)).toEqual([
      'round-1-output#0',
      'round-1-output#1',
      'round-1-output#2',
      'round-1-proof#0',
      'round-1-proof#1',
    ]);
    expect(await roundVerifies(election.fx.client, election.fx, 1)).toEqual({ ok: true, count: 12 });
  });

  it('killed right after creating its cycle, with its saved output then damaged, mixes again and posts in that cycle (no second cycle)', async () => {
    const stateDir = join(tmp.dir, 'state-2');
    await killedWhen(2, stateDir, (type) => type === 'cycle.create');
    expect((await outboxOf(election.fx.client, peer(2))).map((c) => c.status)).toEqual(['OPEN']);
    const roundDir = join(stateDir, (await election.fx.client.info()).board_id, 'resume', 'round-2');
    const output = readFileSync(join(roundDir, 'output.bin'));
    output[100] ^= 1;
    writeFileSync(join(roundDir, 'output.bin'), output);
    const resumed = await runOstraka(mixArgs(2, stateDir));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/the saved round is damaged \(output\.bin does not match its hash in round\.json\) and nothing of it was posted: mixing again/);
    const cycles = await outboxOf(election.fx.client, peer(2));
    expect(cycles.map((c) => [c.cycle, c.status, c.messages.length])).toEqual([[1, 'PROCESSED', 5]]);
    expect(await roundVerifies(election.fx.client, election.fx, 2)).toEqual({ ok: true, count: 12 });
  });

  it('killed after its last chunk (the round complete, the cycle not yet processed), marks the cycle PROCESSED and reports the round', async () => {
    const stateDir = join(tmp.dir, 'state-3');
    await killedWhen(3, stateDir, (type, p) => type === 'message.outbox' && (p as MessagePayload).chunk?.doc === 'round-3-proof' && (p as MessagePayload).chunk?.index === 1);
    const status = await election.fx.authority.status();
    expect(status.rounds).toHaveLength(3);
    expect((await outboxOf(election.fx.client, peer(3))).map((c) => c.status)).toEqual(['CLOSED']);
    expect(existsSync(join(stateDir, (await election.fx.client.info()).board_id, 'resume', 'round-3', 'round.json'))).toBe(true);

    const resumed = await runOstraka(mixArgs(3, stateDir));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ round: 3, outcome: 'complete', output_hash: status.rounds[2].output_hash, cycle: 1 });
    expect((await outboxOf(election.fx.client, peer(3))).map((c) => c.status)).toEqual(['PROCESSED']);
    expect(await roundVerifies(election.fx.client, election.fx, 3)).toEqual({ ok: true, count: 12 });
  });

  it('started while the board is unreachable, waits for it and then mixes', async () => {
    // A port with nothing behind it yet; later a plain TCP relay to the board opens on it.
    const relay: Server = createServer((socket) => {
      const upstream = connect(Number(new URL(server.url).port), '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((done) => relay.listen(0, '127.0.0.1', done));
    const port = (relay.address() as { port: number }).port;
    await new Promise<void>((done) => relay.close(() => done()));
    const run = startOstraka(mixArgs(4, join(tmp.dir, 'state-4'), `http://127.0.0.1:${port}`));
    await run.waitForStderr(/board unreachable \(ECONNREFUSED\)/);
    await new Promise<void>((done) => relay.listen(port, '127.0.0.1', done));
    try {
      expect(await run.exited, run.stderr()).toBe(0);
      expect(JSON.parse(run.stdout())).toMatchObject({ round: 4, outcome: 'posted', count: 12 });
      expect(await roundVerifies(election.fx.client, election.fx, 4)).toEqual({ ok: true, count: 12 });
    } finally {
      relay.close();
    }
  });
});
