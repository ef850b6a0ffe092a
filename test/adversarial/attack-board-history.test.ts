/**
 * Known attacks by a corrupt or buggy board operator: forking the log (two boards with the same
 * key from a common backup, showing different voters different histories: two signed heads of
 * one size with different roots), rewriting it (restoring a backup taken before a receipted
 * ballot), omitting a receipted ballot from the ballot box (modified board code), and a front end
 * that serves a doctored ballot box to receipt checkers. A voter's receipt check (`checkReceipt`,
 * `ostraka receipt check`) or a monitor comparing signed heads must detect each.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castBallot, checkReceipt, createBallot, type Receipt, type ReceiptCheck } from '@ostraka/client';
import { fromHex, toHex } from '@ostraka/crypto';
import { ciphertextListHash } from '@ostraka/protocol';
import { verifyTreeHead } from '@ostraka/protocol/log';
import { BoardClient } from '@ostraka/board/client';
import { tallyElection } from '@ostraka/election';
import { mixInProcess } from '@ostraka/election/testing';
import { runOstraka, startBoardProcess, stopAllBoardProcesses } from '../../apps/board/test/support/server-process.js';
import { tempDir } from '../../apps/board/test/support/fixtures.js';
import { answers } from './support/ballots.js';
import { corruptBoard, type CorruptBoard } from './support/corrupt-board.js';
import { lyingProxy } from './support/lying-proxy.js';
import { openElection, servedBoard, type ServedBoard } from './support/served-election.js';
import { auditElection } from './support/verifier.js';

const tmp = tempDir('ostraka-history-');
afterAll(async () => {
  await stopAllBoardProcesses();
  tmp.remove();
});

/** A receipt check that ends in a verdict: a board that cannot answer for its receipt has failed it. */
async function verdict(url: string, receipt: Receipt): Promise<ReceiptCheck & { error?: string }> {
  try {
    return await checkReceipt(url, receipt);
  } catch (e) {
    return { ok: false, counted: 'missing', checks: [], error: (e as Error).message };
  }
}
const failed = (v: ReceiptCheck) => v.checks.filter((c) => !c.ok).map((c) => c.name);

describe('a board that forks or rewrites its history', () => {
  let board: ServedBoard;
  beforeAll(async () => {
    board = await servedBoard();
  });
  afterAll(async () => board?.close());

  it('a fork (same key, common backup, different ballots): two signed heads of one size with different roots; each fork fails the other’s receipts', async () => {
    const fx = await openElection(board, { id: 'fork', voters: 3 });
    const codes = [...fx.credentials.keys()];
    await fx.vote(codes[0], answers(0));
    // The operator copies the live database and starts a second board with the same key.
    const copy = join(tmp.dir, 'fork.sqlite');
    expect((await runOstraka(['board', 'backup', '--db', board.dbPath, '--out', copy])).code).toBe(0);
    const twin = await startBoardProcess(['--db', copy, '--key-file', board.keyFile, '--port', '0', '--rate-limit', '0', '--log-level', 'warn']);
    const receiptA = await fx.vote(codes[1], answers(1));
    const status = await fx.authority.status();
    const election = { id: fx.id, authority: fx.authority.peerId, ballotCycle: status.ballot_cycle as number };
    const key2 = fx.credentials.get(codes[2])!;
    const receiptB = await castBallot(twin.url, election, createBallot(fx.manifest, fx.jointKey, answers(2), key2), key2);

    // Equivocation, provable by anyone holding both receipts: one key, one size, two roots.
    const boardKey = fromHex(receiptA.board_key);
    expect(receiptB.board_key).toBe(receiptA.board_key);
    expect(receiptA.tree_head.size).toBe(receiptB.tree_head.size);
    expect(receiptA.tree_head.root).not.toBe(receiptB.tree_head.root);
    expect(verifyTreeHead(boardKey, receiptA.tree_head) && verifyTreeHead(boardKey, receiptB.tree_head)).toBe(true);
    // A monitor holding a head of one fork finds no consistency proof on the other.
    expect(await new BoardClient(twin.url).checkConsistency(receiptA.tree_head, await new BoardClient(twin.url).head())).toBe(false);

    // Each voter's receipt passes on its own fork and fails on the other: the entry at its index
    // is another ballot, and the other fork's heads do not extend the receipt's head.
    expect((await verdict(board.url, receiptA)).ok).toBe(true);
    expect((await verdict(twin.url, receiptB)).ok).toBe(true);
    const aOnB = await verdict(twin.url, receiptA);
    const bOnA = await verdict(board.url, receiptB);
    expect(aOnB.ok).toBe(false);
    expect(bOnA.ok).toBe(false);
    expect(failed(aOnB)).toEqual(expect.arrayContaining(['entry', 'ballot', 'inclusion']));
    expect(failed(bOnA)).toEqual(expect.arrayContaining(['entry', 'ballot', 'inclusion']));
    // Once the forks grow apart, no consistency proof links them either.
    const key0 = fx.credentials.get(codes[0])!;
    await castBallot(twin.url, election, createBallot(fx.manifest, fx.jointKey, answers(3), key0), key0);
    expect(failed(await verdict(twin.url, receiptA))).toEqual(expect.arrayContaining(['entry', 'ballot', 'inclusion', 'consistency']));
    forked = { url: board.url, twin, receiptA, receiptB };
    // The auditor of fork A, holding the voter of fork B's receipt: not in this log. (Voting is
    // still open, so the verifier also reports the transcript as incomplete; nothing else.)
    const unfinished = (f: string) => f.startsWith('election.complete');
    const own = await auditElection(board.url, fx.id, receiptA);
    expect(own.failures.filter((f) => !unfinished(f))).toEqual([]);
    const audit = await auditElection(board.url, fx.id, receiptB);
    expect(audit.code, audit.stderr).toBe(1);
    expect(audit.failures.filter((f) => !unfinished(f)).join('\n')).toMatch(/receipt/i);
  });

  let forked: { url: string; twin: Awaited<ReturnType<typeof startBoardProcess>>; receiptA: Receipt; receiptB: Receipt };
  it('a fork shown to one voter only (its own entries and proofs, the other fork’s head of the same size): the receipt check sees two roots for one size', async () => {
    // The front end answers the voter from fork A, except for the latest head, which is fork B's
    // (the head everyone else sees): same size, another root. Only comparing the roots catches it.
    const headB = await new BoardClient(forked.twin.url).request<{ size: number }>('GET', `/log/heads/${forked.receiptB.tree_head.size}`);
    const proxy = await lyingProxy(forked.url, (path, body) => (path === '/log/head' ? headB : body));
    try {
      expect(headB).toEqual(forked.receiptB.tree_head);
      const v = await verdict(proxy.url, forked.receiptA);
      expect(failed(v)).toContain('consistency');
      expect(v.ok).toBe(false);
    } finally {
      await proxy.close();
      await forked.twin.stop('SIGTERM');
    }
  });

  it('a rewrite (restore of a backup taken before a receipted ballot): the receipt check fails, whatever the board does next', async () => {
    const db = join(tmp.dir, 'rewrite.sqlite');
    const key = join(tmp.dir, 'rewrite.key');
    const args = ['--db', db, '--key-file', key, '--port', '0', '--rate-limit', '0', '--log-level', 'warn'];
    let proc = await startBoardProcess([...args, '--authority-key', toHex(board.authority.publicKey)]);
    const fx = await openElection({ url: proc.url, authority: board.authority }, { id: 'rewrite', voters: 3 });
    const codes = [...fx.credentials.keys()];
    const backup = join(tmp.dir, 'rewrite-before.sqlite');
    expect((await runOstraka(['board', 'backup', '--db', db, '--out', backup])).code).toBe(0);
    const receipt = await fx.vote(codes[0], answers(0));
    expect((await verdict(proc.url, receipt)).ok).toBe(true);

    // The operator restores the backup (the ballot is gone) and restarts with the same key.
    await proc.stop('SIGTERM');
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    copyFileSync(backup, db);
    proc = await startBoardProcess(args);
    const gone = await verdict(proc.url, receipt);
    expect(gone.ok).toBe(false);
    // Writes go on: another ballot now sits at the receipt's index.
    const status = await new BoardClient(proc.url).request<{ ballot_cycle: number }>('GET', `/elections/${fx.id}`);
    const key1 = fx.credentials.get(codes[1])!;
    const other = await castBallot(proc.url, { id: fx.id, authority: fx.authority.peerId, ballotCycle: status.ballot_cycle }, createBallot(fx.manifest, fx.jointKey, answers(1), key1), key1);
    expect(other.entry.index).toBe(receipt.entry.index);
    const replaced = await verdict(proc.url, receipt);
    expect(replaced.ok).toBe(false);
    expect(failed(replaced)).toEqual(expect.arrayContaining(['entry', 'ballot', 'inclusion']));
    await proc.stop('SIGTERM');
  });
});

describe('a board that omits a receipted ballot from the ballot box', () => {
  let corrupt: CorruptBoard;
  beforeAll(async () => {
    corrupt = await corruptBoard();
  });
  afterAll(async () => corrupt?.close());

  let receipts: Map<string, Receipt>;
  let droppedCode: string;
  let electionId: string;

  it('(modified board code) logs and receipts the ballot, leaves it out of the count: the receipt check reports it missing', async () => {
    const fx = await openElection(corrupt, { id: 'omission', voters: 3 });
    const codes = [...fx.credentials.keys()];
    droppedCode = codes[1];
    corrupt.dropped.add(toHex(fx.credentials.get(droppedCode)!.publicKey));
    const voted = await (async () => {
      const map = new Map<string, Receipt>();
      for (const [i, code] of codes.entries()) map.set(code, await fx.vote(code, answers(30 + i)));
      return map;
    })();
    receipts = voted;
    electionId = fx.id;
    // The ballot is on the log and receipted like any other.
    expect((await verdict(corrupt.url, voted.get(droppedCode)!)).checks.filter((c) => c.name !== 'counted').every((c) => c.ok)).toBe(true);
    const box = await fx.closeAndStartMixing();
    expect(box.count).toBe(2);
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1);
    await fx.decrypt([1, 2]);
    expect((await tallyElection(fx.authority)).tally.ballots).toBe(2);

    const dropped = await verdict(corrupt.url, voted.get(droppedCode)!);
    expect(dropped.ok).toBe(false);
    expect(dropped.counted).toBe('missing');
    expect(failed(dropped)).toEqual(['counted']);
    for (const code of codes.filter((c) => c !== droppedCode)) expect(await verdict(corrupt.url, voted.get(code)!)).toMatchObject({ ok: true, counted: 'counted' });

    // The auditor recomputes the ballot box from the log: the mixing transition names the wrong list.
    const audit = await auditElection(corrupt.url, fx.id, voted.get(droppedCode));
    expect(audit.code, audit.stderr).toBe(1);
    expect(audit.failures.join('\n')).toMatch(/ballot box|mixing|input/i);
    if (process.env.OSTRAKA_SHOW_AUDITS) process.stderr.write(audit.failures.join('\n') + '\n' + JSON.stringify(audit.report?.receipt) + '\n');
  });

  it('(and a front end serving receipt checkers a ballot box that includes it) the receipt check still reports it missing', async () => {
    // The proxy adds the dropped ballot's ciphertext to the first mix's input it serves, keeping the
    // hash the log fixes: the list no longer hashes to it, which a receipt check must notice.
    const receipt = receipts.get(droppedCode)!;
    const entry = await corrupt.client.request<{ payload: { data: { ciphertext: string } } }>('GET', `/log/entries/${receipt.entry.index}`);
    const proxy = await lyingProxy(corrupt.url, (path, body) => {
      if (path.startsWith(`/elections/${electionId}/rounds/1/input`)) return { ...body, count: body.count + 1, ciphertexts: body.ciphertexts + entry.payload.data.ciphertext };
      return body;
    });
    // A bolder front end also gives the election's status the doctored list's hash; the receipt
    // check reads the hash from the authority's mixing entry in the log instead.
    const doctored = (body: any) => {
      const ciphertexts = body.ciphertexts + entry.payload.data.ciphertext;
      return { ...body, count: body.count + 1, ciphertexts, hash: toHex(ciphertextListHash(body.group, electionId, body.width, body.count + 1, fromHex(ciphertexts))) };
    };
    const served = doctored(await corrupt.client.request('GET', `/elections/${electionId}/rounds/1/input`));
    const bolder = await lyingProxy(corrupt.url, (path, body) => {
      if (path.startsWith(`/elections/${electionId}/rounds/1/input`)) return doctored(body);
      if (path === `/elections/${electionId}`) return { ...body, input: { ...body.input, hash: served.hash, count: served.count } };
      return body;
    });
    try {
      for (const url of [proxy.url, bolder.url]) {
        const v = await verdict(url, receipt);
        expect(v.counted).not.toBe('counted');
        expect(v.ok).toBe(false);
        expect(failed(v)).toEqual(['counted']);
      }
      // Nobody can confirm being counted from a list that is not the one the log fixes.
      for (const r of receipts.values()) expect((await verdict(bolder.url, r)).ok).toBe(false);
    } finally {
      await proxy.close();
      await bolder.close();
    }
  });
});
