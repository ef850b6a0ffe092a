/**
 * The board killed with SIGKILL while voters cast ballots concurrently, at a random instant of
 * each round, again and again (the CI suite runs a few rounds, the slow suite many). After each
 * restart: every acknowledged ballot is in the log at the index its receipt gave, with its leaf
 * hash; the new head is consistent with every head handed out before the crash (receipts and
 * polled heads); the election's projections agree with the log; and re-sending every
 * unacknowledged ballot, byte for byte, is safe (201 if it was lost, 409 REPLAY if it had been
 * committed). At the end the log passes `ostraka board check --signatures`, and the election
 * completes (mixing, decryption) with a tally equal to every ballot cast.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createBallot } from '@ostraka/client';
import { toHex, type SigningKey } from '@ostraka/crypto';
import { encodeBallot, tallyBallots, type Answer, type Json } from '@ostraka/protocol';
import { SEED_ENTRY_TYPES, signEnvelope, verifyTreeHead, type TreeHead } from '@ostraka/protocol/log';
import { BoardClient } from '@ostraka/board/client';
import { tallyElection } from '@ostraka/election';
import { mixInProcess, type ElectionFixture } from '@ostraka/election/testing';
import { generateSigningKey } from '@ostraka/crypto';
import { runOstraka, startBoardProcess, stopAllBoardProcesses, type BoardProcess } from '../../../apps/board/test/support/server-process.js';
import { tempDir } from '../../../apps/board/test/support/fixtures.js';
import { entryLeaf, hex, mth } from '../../../apps/board/test/support/independent-tree.js';
import { answers } from './ballots.js';
import { ballotCycleOf, ballotPayload } from './cast-raw.js';
import { openElection } from './served-election.js';
import { auditElection } from './verifier.js';
import { CRASH_TEST_TIMEOUT_MS, runSeed, seededRandom } from './seeded-random.js';

interface PreparedBallot {
  readonly voter: number;
  readonly answers: Answer[];
  readonly body: string;
}

interface Acked {
  readonly ballot: PreparedBallot;
  readonly index: number;
  readonly leafHash: string;
}

export interface CrashFigures {
  rounds: number;
  acknowledged: number;
  lostThenResent: number;
  committedUnacknowledged: number;
  headsChecked: number;
}

/** Casts `ballots` with `concurrency` voters at once; SIGKILLs the board after `killAfter` acknowledgements. */
async function castUntilKilled(server: BoardProcess, path: string, ballots: PreparedBallot[], concurrency: number, killAfter: number) {
  const acked: Acked[] = [];
  const unacked: PreparedBallot[] = [];
  const heads: TreeHead[] = [];
  const queue = [...ballots];
  let killed = false;
  const voter = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      if (killed) {
        unacked.push(b);
        continue;
      }
      try {
        const r = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b.body });
        const reply = (await r.json()) as { entry: { index: number; leaf_hash: string }; tree_head: TreeHead };
        if (r.status !== 201) throw new Error(`ballot refused: ${r.status} ${JSON.stringify(reply)}`);
        acked.push({ ballot: b, index: reply.entry.index, leafHash: reply.entry.leaf_hash });
        heads.push(reply.tree_head);
      } catch (e) {
        if (!killed) throw e;
        unacked.push(b); // in flight when the board died: committed or not, nobody was told
      }
    }
  };
  const poll = async () => {
    while (!killed) {
      try {
        heads.push((await (await fetch(server.url + '/log/head')).json()) as TreeHead);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const running = [...Array.from({ length: concurrency }, voter), poll()];
  while (acked.length < killAfter && queue.length > 0) await new Promise((r) => setTimeout(r, 1));
  killed = true;
  const exit = server.stop('SIGKILL');
  await Promise.all(running);
  expect(await exit).toBe('SIGKILL');
  return { acked, unacked, heads };
}

export function boardCrashSuite(options: { rounds: number; ballotsPerRound: number; concurrency: number; seed?: number; timeoutMs?: number }): void {
  const seed = options.seed ?? runSeed();
  const random = seededRandom(seed);
  const tmp = tempDir('ostraka-crash-ballots-');
  afterAll(async () => {
    await stopAllBoardProcesses();
    tmp.remove();
  });

  it(`keeps every acknowledged ballot through ${options.rounds} SIGKILLs at random instants, and the election completes with the right count (seed ${seed})`, async () => {
    const authority: SigningKey = generateSigningKey();
    const db = join(tmp.dir, 'board.sqlite');
    const base = ['--db', db, '--key-file', join(tmp.dir, 'board.key'), '--rate-limit', '0', '--log-level', 'warn'];
    let server = await startBoardProcess([...base, '--port', '0', '--authority-key', toHex(authority.publicKey)]);
    // Restarts listen on the same port, so that every client (the election's authority) carries on.
    const args = [...base, '--port', new URL(server.url).port];
    const total = options.rounds * options.ballotsPerRound;
    const fx: ElectionFixture = await openElection({ url: server.url, authority }, { id: 'crash', voters: total });
    const box = await ballotCycleOf(fx);
    const path = `/peers/${box.authority}/cycles/${box.cycle}/inbox`;
    const keys = [...fx.credentials.values()];
    // Every voter casts once; ballots are encrypted and signed ahead, so the board is what is measured.
    const prepared: PreparedBallot[] = keys.map((key, voter) => {
      const a = answers(voter);
      const envelope = signEnvelope(key, box.board, SEED_ENTRY_TYPES.messageInbox, ballotPayload(box, key, createBallot(fx.manifest, fx.jointKey, a, key) as unknown as Json));
      return { voter, answers: a, body: JSON.stringify(envelope) };
    });
    const figures: CrashFigures = { rounds: 0, acknowledged: 0, lostThenResent: 0, committedUnacknowledged: 0, headsChecked: 0 };
    const allAcked: Acked[] = [];
    const allHeads: TreeHead[] = [];
    const boardKey = Buffer.from((await new BoardClient(server.url).info()).public_key, 'hex');

    for (let round = 0; round < options.rounds; round++) {
      const ballots = prepared.slice(round * options.ballotsPerRound, (round + 1) * options.ballotsPerRound);
      const killAfter = 1 + Math.floor(random() * ballots.length * 0.8);
      const { acked, unacked, heads } = await castUntilKilled(server, path, ballots, options.concurrency, killAfter);
      allAcked.push(...acked);
      allHeads.push(...heads);
      figures.rounds++;
      figures.acknowledged += acked.length;

      server = await startBoardProcess(args);
      const client = new BoardClient(server.url);
      const head = await client.head();
      expect(verifyTreeHead(boardKey, head)).toBe(true);
      // Every acknowledged ballot, at its index, with its leaf hash.
      for (const a of allAcked) {
        const entry = await client.request<{ leaf_hash: string; payload: { data: { credential: string } } }>('GET', `/log/entries/${a.index}`);
        expect([a.index, entry.leaf_hash], `seed ${seed}`).toEqual([a.index, a.leafHash]);
      }
      // Every head handed out before the crash is a prefix of the new log.
      const distinct = [...new Map(allHeads.map((h) => [`${h.size}/${h.root}`, h])).values()];
      for (const old of distinct) expect(await client.checkConsistency(old, head), `seed ${seed}, head ${old.size}`).toBe(true);
      figures.headsChecked += distinct.length;
      // Re-sending each unacknowledged ballot unchanged: 201 if it was lost, 409 REPLAY if it was committed.
      for (const b of unacked) {
        const r = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b.body });
        const reply = (await r.json()) as { error?: { code: string }; entry?: { index: number; leaf_hash: string } };
        if (r.status === 201) {
          figures.lostThenResent++;
          allAcked.push({ ballot: b, index: reply.entry!.index, leafHash: reply.entry!.leaf_hash });
        } else {
          expect([r.status, reply.error?.code], `seed ${seed}`).toEqual([409, 'REPLAY']);
          figures.committedUnacknowledged++;
        }
      }
      // The election's projections agree with the log: one ballot per voter so far, none twice.
      expect((await fx.authority.status()).ballots_cast, `seed ${seed}`).toBe((round + 1) * options.ballotsPerRound);
    }

    // The stored log hashes to the signed root (recomputed independently), and the offline check agrees.
    {
      const client = new BoardClient(server.url);
      const head = await client.head();
      const entries: unknown[] = [];
      for (let start: number | null = 0; start !== null && start < head.size; ) {
        const page: { entries: unknown[]; next: number | null } = await client.request('GET', `/log/entries?start=${start}&end=${head.size}`);
        entries.push(...page.entries);
        start = page.next;
      }
      expect(hex(mth(entries.map((e) => entryLeaf(e as never))))).toBe(head.root);
    }
    expect(await server.stop('SIGTERM')).toBe(0);
    const checked = await runOstraka(['board', 'check', '--db', db, '--signatures', '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ ok: true, problems: [] });

    // The election completes on the restarted board, and counts every ballot exactly once.
    server = await startBoardProcess(args);
    await fx.closeAndStartMixing();
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1);
    await fx.decrypt([1, 2]);
    const outcome = await tallyElection(fx.authority);
    expect(outcome.tally, `seed ${seed}`).toEqual(tallyBallots(fx.manifest.questions, prepared.map((b) => encodeBallot(fx.manifest.questions, b.answers))));
    expect(figures.acknowledged + figures.lostThenResent).toBeGreaterThan(0);
    // The auditor's view of the whole crashed-and-restarted log: valid.
    const audit = await auditElection(server.url, fx.id);
    expect(audit.failures, `seed ${seed}`).toEqual([]);
    expect(audit.code).toBe(0);
    if (process.env.OSTRAKA_CRASH_REPORT) process.stderr.write(`board crash: ${JSON.stringify({ seed, ...figures })}\n`);
    await server.stop('SIGTERM');
  }, options.timeoutMs ?? CRASH_TEST_TIMEOUT_MS);
}
