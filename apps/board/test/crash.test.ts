import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSigningKey, toHex, type SigningKey } from '@ostraka/crypto';
import { keyId, verifyTreeHead, type TreeHead } from '@ostraka/protocol/log';
import { BoardClient, type WriteReceipt } from '@ostraka/board/client';
import { tempDir } from './support/fixtures.js';
import { entryLeaf, hex, mth } from './support/independent-tree.js';
import { runOstraka, startBoardProcess, stopAllBoardProcesses, type BoardProcess } from './support/server-process.js';

/**
 * Kill -9 in the middle of concurrent writes, restart, and check the promises the board made:
 * every acknowledged entry is there, unchanged, at its index; the new tree head is consistent
 * with every head handed out before the crash; nothing is half-written.
 */
const tmp = tempDir('ostraka-crash-');
afterAll(async () => {
  await stopAllBoardProcesses();
  tmp.remove();
});

const authority = generateSigningKey();
const db = join(tmp.dir, 'board.sqlite');
const args = ['--db', db, '--port', '0', '--authority-key', toHex(authority.publicKey), '--rate-limit', '0'];

interface Acked {
  receipt: WriteReceipt;
  data: string;
}

async function writeUntilKilled(server: BoardProcess, mix: SigningKey, senders: SigningKey[], killAfterAcks: number, signal: NodeJS.Signals = 'SIGKILL') {
  const client = new BoardClient(server.url);
  const acked: Acked[] = [];
  const heads: TreeHead[] = [];
  const attempted: string[] = [];
  let killed = false;
  let counter = 0;
  const writer = async (w: number) => {
    while (!killed) {
      const data = `w${w}-${counter++}-${Math.random().toString(36).slice(2)}`;
      attempted.push(data);
      try {
        const receipt = await client.sendToInbox(senders[w % senders.length], keyId(mix.publicKey), 1, data);
        acked.push({ receipt, data });
        heads.push(receipt.tree_head);
      } catch {
        return; // the connection died with the server: this write is unacknowledged
      }
    }
  };
  const poller = async () => {
    while (!killed) {
      try {
        heads.push(await client.head());
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const writers = [...Array.from({ length: 16 }, (_, w) => writer(w)), poller()];
  while (acked.length < killAfterAcks) await new Promise((r) => setTimeout(r, 2));
  killed = true;
  const exit = server.stop(signal);
  await Promise.all(writers);
  return { acked, heads, attempted, exit: await exit };
}

describe('crash safety (SIGKILL or SIGTERM during concurrent writes, real process, real HTTP)', () => {
  it('keeps every acknowledged entry and stays consistent with every head handed out', async () => {
    let server = await startBoardProcess(args);
    const mix = generateSigningKey();
    const senders = [generateSigningKey(), generateSigningKey(), generateSigningKey(), generateSigningKey()];
    {
      const client = new BoardClient(server.url);
      await client.createPeer(authority, mix, { name: 'ballot box', peer_type: 'BALLOT_BOX', size_min: 0, size_max: 1_000_000 });
      for (const s of senders) await client.createPeer(authority, s, { name: 'sender', peer_type: 'CLIENT', size_min: 0, size_max: 0 });
      await client.openCycle(mix, 1);
    }
    const allAcked: Acked[] = [];
    const allHeads: TreeHead[] = [];
    const allAttempted = new Set<string>();

    for (const round of [1, 2, 3]) {
      const { acked, heads, attempted } = await writeUntilKilled(server, mix, senders, 60 + 40 * round);
      expect(server.child.signalCode).toBe('SIGKILL');
      // Killed mid-flight: writers had requests outstanding when the process died.
      expect(attempted.length - acked.length).toBeGreaterThan(0);
      allAcked.push(...acked);
      allHeads.push(...heads);
      attempted.forEach((a) => allAttempted.add(a));

      server = await startBoardProcess(args);
      const client = new BoardClient(server.url);
      const head = await client.head();
      const boardKey = Buffer.from((await client.info()).public_key, 'hex');
      expect(verifyTreeHead(boardKey, head)).toBe(true);

      // Every acknowledged entry is present, unchanged, at the index its receipt gave.
      const maxAcked = Math.max(...allAcked.map((a) => a.receipt.entry.index));
      expect(head.size).toBeGreaterThan(maxAcked);
      const entries: any[] = [];
      for (let start: number | null = 0; start !== null; ) {
        const page: any = await client.entries(start);
        entries.push(...page.entries);
        start = page.next;
      }
      expect(entries).toHaveLength(head.size);
      for (const a of allAcked) {
        const e = entries[a.receipt.entry.index];
        expect(e.leaf_hash).toBe(a.receipt.entry.leaf_hash);
        expect(e.payload.data).toBe(a.data);
      }
      // The stored log hashes to the signed root (recomputed independently of the board's code).
      expect(hex(mth(entries.map(entryLeaf)))).toBe(head.root);

      // Every head handed out before the crash is a prefix of the new one.
      const distinct = [...new Map(allHeads.map((h) => [h.size, h])).values()];
      for (const old of distinct) {
        expect(verifyTreeHead(boardKey, old)).toBe(true);
        expect(await client.checkConsistency(old, head)).toBe(true);
      }

      // Nothing half-written: each write is in the log at most once, and the inbox projection agrees with the log.
      const inboxEntries = entries.filter((e) => e.type === 'message.inbox');
      const datas = inboxEntries.map((e) => e.payload.data);
      expect(new Set(datas).size).toBe(datas.length);
      for (const d of datas) expect(allAttempted.has(d)).toBe(true);
      const cycle: any = await client.request('GET', `/peers/${keyId(mix.publicKey)}/cycles/1`);
      expect(cycle.size_current).toBe(inboxEntries.length);

      // And the board keeps working after the crash.
      const after = await client.sendToInbox(senders[0], keyId(mix.publicKey), 1, `after round ${round}`);
      expect(after.entry.index).toBe(head.size);
      expect(await client.checkConsistency(head, after.tree_head)).toBe(true);
      allAcked.push({ receipt: after, data: `after round ${round}` });
      allAttempted.add(`after round ${round}`);
    }
    expect(await server.stop('SIGTERM')).toBe(0);
    // The offline integrity check agrees (entries, subtrees, every signed head, every signature).
    const checked = await runOstraka(['board', 'check', '--db', db, '--signatures', '--json']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ ok: true, problems: [] });
  });

  it('finishes the writes in flight on SIGTERM, exits 0, and keeps every acknowledged entry', async () => {
    const gracefulDb = join(tmp.dir, 'graceful.sqlite');
    const gArgs = ['--db', gracefulDb, '--port', '0', '--authority-key', toHex(authority.publicKey), '--rate-limit', '0'];
    let server = await startBoardProcess(gArgs);
    const mix = generateSigningKey();
    const senders = [generateSigningKey(), generateSigningKey()];
    const client = new BoardClient(server.url);
    await client.createPeer(authority, mix, { name: 'box', peer_type: 'BALLOT_BOX', size_min: 0, size_max: 1_000_000 });
    for (const s of senders) await client.createPeer(authority, s, { name: 'sender', peer_type: 'CLIENT', size_min: 0, size_max: 0 });
    await client.openCycle(mix, 1);
    const { acked, exit } = await writeUntilKilled(server, mix, senders, 80, 'SIGTERM');
    expect(exit).toBe(0);
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    server = await startBoardProcess(gArgs);
    const after = new BoardClient(server.url);
    const head = await after.head();
    for (const a of acked) {
      const e: any = await after.request('GET', `/log/entries/${a.receipt.entry.index}`);
      expect(e.leaf_hash).toBe(a.receipt.entry.leaf_hash);
      expect(await after.checkConsistency(a.receipt.tree_head, head)).toBe(true);
    }
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
