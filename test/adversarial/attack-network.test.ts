/**
 * A network attacker between the parties and the board (no TLS, or a compromised front end):
 * it alters a ballot in transit, swallows it and answers a forged receipt, replays it later, feeds
 * a mix server a doctored ballot box, and feeds an auditor a doctored transcript. Signatures, the
 * receipt check, the board's own rules and the verifier's pinned board key stop every one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castBallot, checkReceipt, createBallot, type Receipt } from '@ostraka/client';
import { fromHex, generateSigningKey, toHex } from '@ostraka/crypto';
import { ciphertextListHash } from '@ostraka/protocol';
import { signTreeHead } from '@ostraka/protocol/log';
import { mixInProcess } from '@ostraka/election/testing';
import { tallyElection } from '@ostraka/election';
import { runOstraka, writeKeyFile } from '../../apps/mixer/test/support/mix-process.js';
import { tempDir } from '../../apps/board/test/support/fixtures.js';
import { answers } from './support/ballots.js';
import { lyingProxy } from './support/lying-proxy.js';
import { refusal } from './support/refusal.js';
import { openElection, servedBoard, votedElection, type ServedBoard } from './support/served-election.js';
import { runVerifier } from './support/verifier.js';

let board: ServedBoard;
const tmp = tempDir('ostraka-network-');
beforeAll(async () => {
  board = await servedBoard();
});
afterAll(async () => {
  await board?.close();
  tmp.remove();
});

describe('a network attacker between voters and the board', () => {
  it('alters a ballot in transit (refused), swallows one and forges a receipt (the check fails), replays one (refused)', async () => {
    const fx = await openElection(board, { id: 'network-voters', voters: 3 });
    const [alice, bob] = [...fx.credentials.values()];
    const election = { id: fx.id, authority: fx.authority.peerId, ballotCycle: (await fx.authority.status()).ballot_cycle as number };
    let captured: Buffer | null = null;
    const inbox = `/peers/${election.authority}/cycles/${election.ballotCycle}/inbox`;

    // 1. Altered in transit: one hex digit of the ciphertext changed under the voter's signature.
    const altering = await lyingProxy(board.url, undefined, (method, path, body) => {
      if (method !== 'POST' || path !== inbox) return { forward: body };
      const env = JSON.parse(body.toString());
      const c: string = env.payload.data.ciphertext;
      env.payload.data.ciphertext = (c[0] === '0' ? '1' : '0') + c.slice(1);
      return { forward: Buffer.from(JSON.stringify(env)) };
    });
    await refusal(castBallot(altering.url, election, createBallot(fx.manifest, fx.jointKey, answers(1), alice), alice), 401, 'BAD_SIGNATURE');
    await altering.close();

    // 2. Swallowed: the attacker keeps the request and answers a receipt of its own making, with a
    //    real signed head the board handed out earlier and the index of an existing entry.
    const head = await fx.client.head();
    const swallowing = await lyingProxy(board.url, undefined, (method, path, body) => {
      if (method !== 'POST' || path !== inbox) return { forward: body };
      captured = body;
      return { respond: { status: 201, json: { id: head.size - 1, entry: { index: head.size - 1, leaf_hash: 'ab'.repeat(32) }, tree_head: head } } };
    });
    const fake = await castBallot(swallowing.url, election, createBallot(fx.manifest, fx.jointKey, answers(2), bob), bob);
    await swallowing.close();
    const verdict = await checkReceipt(board.url, fake);
    expect(verdict.ok).toBe(false);
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(expect.arrayContaining(['entry', 'ballot']));
    // A head of its own signing does not help it either.
    const forgedHead = signTreeHead(generateSigningKey(), { board: head.board, size: head.size, timestamp: head.timestamp, root: head.root });
    const forged: Receipt = { ...fake, tree_head: forgedHead };
    expect((await checkReceipt(board.url, forged)).checks.find((c) => c.name === 'signed head')?.ok).toBe(false);

    // 3. The swallowed request, delivered later by the attacker: it is Bob's ballot, counted once;
    //    a second delivery is a replay.
    const post = (b: Buffer) => fetch(board.url + inbox, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b.toString() });
    expect((await post(captured!)).status).toBe(201);
    const again = await post(captured!);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('REPLAY');
    expect((await fx.authority.status()).ballots_cast).toBe(1);
  });
});

describe('a network attacker between a mix server or an auditor and the board', () => {
  it('a doctored ballot box is refused by the mix server, or by the board when the status is doctored too', async () => {
    const { fx } = await votedElection(board, { id: 'network-mix', voters: 4 });
    const box = await fx.closeAndStartMixing();
    const statusPath = `/elections/${fx.id}`;
    const inputPath = `/elections/${fx.id}/rounds/1/input`;
    // Drop the last ballot from the list served; with `status`, also claim its hash in the election's status.
    const dropLast = (body: any) => {
      const size = body.ciphertexts.length / body.count;
      const ciphertexts = body.ciphertexts.slice(0, -size);
      return { ...body, count: body.count - 1, ciphertexts, hash: toHex(ciphertextListHash(body.group, body.election, body.width, body.count - 1, fromHex(ciphertexts))) };
    };
    const doctored = dropLast(box);
    const key = writeKeyFile(tmp.dir, 'network-mix.key', fx.mixKeys[0]);
    const mix = (url: string, state: string) =>
      runOstraka(['mix', 'run', '--board', url, '--election', fx.id, '--key', key, '--workers', '1', '--state-dir', join(tmp.dir, state), '--poll-ms', '50']);

    const listOnly = await lyingProxy(board.url, (path, body) => (path.startsWith(inputPath) ? dropLast(body) : body));
    const first = await mix(listOnly.url, 'state-list-only');
    await listOnly.close();
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/ballot box/);

    const both = await lyingProxy(board.url, (path, body) => {
      if (path.startsWith(inputPath)) return dropLast(body);
      if (path === statusPath) return { ...body, input: { hash: doctored.hash, count: doctored.count } };
      return body;
    });
    const second = await mix(both.url, 'state-both');
    await both.close();
    expect(second.code).not.toBe(0);
    expect((await fx.authority.status()).rounds).toEqual([]);

    // Straight to the board, the same mix server completes the round on the real ballot box.
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1);
    await fx.decrypt([1, 2]);
    expect((await tallyElection(fx.authority)).tally.ballots).toBe(4);

    // An auditor downloading the transcript through a front end that alters one ballot's entry.
    const info = await fx.client.info();
    const altering = await lyingProxy(board.url, (path, body) => {
      if (!path.startsWith('/log/entries?')) return body;
      const entries = body.entries.map((e: any) => (e.type === 'message.inbox' && e.payload?.data?.ciphertext ? { ...e, payload: { ...e.payload, recipient: e.payload.recipient.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a')) } } : e));
      return { ...body, entries };
    });
    const audited = await runVerifier(['--board', altering.url, '--election', fx.id, '--board-key', info.public_key, '--workers', '1']);
    await altering.close();
    expect(audited.code, audited.stderr).toBe(1);
    const honest = await runVerifier(['--board', board.url, '--election', fx.id, '--board-key', info.public_key, '--workers', '1']);
    expect(honest.failures).toEqual([]);
    expect(honest.code).toBe(0);
  });
});
