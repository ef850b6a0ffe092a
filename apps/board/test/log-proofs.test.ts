import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fromHex, generateSigningKey } from '@ostraka/crypto';
import { loadOrCreateBoardKey } from '@ostraka/board';
import { verifyConsistency, verifyInclusion, verifyTreeHead, type TreeHead } from '@ostraka/protocol/log';
import { newPeer, servedBoard, type ServedBoard } from './support/fixtures.js';
import { runOstraka } from './support/server-process.js';
import { entryLeaf, hex, mth, path, proof } from './support/independent-tree.js';

let t: ServedBoard;
let entries: any[] = [];
let heads: TreeHead[] = [];
const b = (h: string) => fromHex(h, 'hash', 32);

beforeAll(async () => {
  t = await servedBoard(['--page-limit', '16', '--page-bytes', '2500']);
  const mix = await newPeer(t);
  await t.client.openCycle(mix.key, 1);
  const senders = await Promise.all([0, 1, 2].map(() => newPeer(t)));
  // Concurrent writes: they share transactions (group commit) and each gets its own receipt.
  const receipts = await Promise.all(
    Array.from({ length: 60 }, (_, i) => t.client.sendToInbox(senders[i % 3].key, mix.id, 1, { ballot: i })),
  );
  expect(new Set(receipts.map((r) => r.entry.index)).size).toBe(60);
  for (const r of receipts) expect(r.tree_head.size).toBeGreaterThan(r.entry.index);
  const pageSizes: number[] = [];
  for (let start: number | null = 0; start !== null; ) {
    const page: { entries: any[]; next: number | null } = await t.client.request('GET', `/log/entries?start=${start}`);
    expect(page.entries.length).toBeLessThanOrEqual(16);
    if (page.next !== null) pageSizes.push(page.entries.length);
    entries.push(...page.entries);
    start = page.next;
  }
  // Pages stop at 16 entries or at 2,500 payload bytes, whichever comes first.
  expect(Math.min(...pageSizes)).toBeLessThan(16);
  for (let after = -1; ; ) {
    const page: { heads: TreeHead[]; next_after: number | null } = await t.client.request('GET', `/log/heads${after < 0 ? '' : `?after=${after}`}`);
    heads.push(...page.heads);
    if (page.next_after === null) break;
    after = page.next_after;
  }
});
afterAll(async () => t.close());

describe('the log over HTTP, against an independent recomputation', () => {
  it('serves every entry in order, and each leaf hash recomputes from the entry fields', async () => {
    const head = await t.client.head();
    expect(entries.map((e) => e.index)).toEqual(Array.from({ length: head.size }, (_, i) => i));
    for (const e of entries) expect(hex(entryLeaf(e))).toBe(e.leaf_hash);
    expect(hex(mth(entries.map((e) => entryLeaf(e))))).toBe(head.root);
    expect(await t.client.request('GET', `/log/entries/5`)).toEqual(entries[5]);
  });

  it('signs a head per committed batch; every head is the root of its prefix', () => {
    expect(heads.length).toBeGreaterThan(1);
    expect(heads.length).toBeLessThan(entries.length); // concurrent writes were grouped
    const leaves = entries.map((e) => entryLeaf(e));
    let last = 0;
    for (const h of heads) {
      expect(verifyTreeHead(t.boardKey.publicKey, h)).toBe(true);
      expect(h.root).toBe(hex(mth(leaves.slice(0, h.size))));
      expect(h.timestamp).toBeGreaterThanOrEqual(last);
      last = h.timestamp;
    }
  });

  it('serves inclusion proofs equal to the RFC PATH, for every entry and several tree sizes', async () => {
    const leaves = entries.map((e) => entryLeaf(e));
    const sizes = [...new Set([leaves.length, heads[0].size, heads[Math.floor(heads.length / 2)].size, 33, 64, 1])];
    for (const size of sizes)
      for (let index = 0; index < size; index++) {
        const p: any = await t.client.request('GET', `/log/proof/inclusion?index=${index}&size=${size}`);
        expect(p).toEqual({ index, size, leaf_hash: hex(leaves[index]), proof: path(index, leaves.slice(0, size)).map(hex) });
        expect(verifyInclusion(index, size, leaves[index], p.proof.map(b), mth(leaves.slice(0, size)))).toBe(true);
      }
    const byLeaf: any = await t.client.request('GET', `/log/proof/inclusion?leaf_hash=${hex(leaves[7])}`);
    expect(byLeaf.index).toBe(7);
    expect(byLeaf.size).toBe(leaves.length);
  });

  it('serves consistency proofs equal to the RFC PROOF between every pair of signed heads', async () => {
    const leaves = entries.map((e) => entryLeaf(e));
    for (let i = 0; i < heads.length; i++)
      for (let j = i; j < heads.length; j++) {
        const [h1, h2] = [heads[i], heads[j]];
        const p: any = await t.client.request('GET', `/log/proof/consistency?first=${h1.size}&second=${h2.size}`);
        expect(p.proof).toEqual(proof(h1.size, leaves.slice(0, h2.size)).map(hex));
        expect(verifyConsistency(h1.size, h2.size, b(h1.root), b(h2.root), p.proof.map(b))).toBe(true);
        expect(await t.client.checkConsistency(h1, h2)).toBe(true);
      }
  });

  it('lists entries by type, paged', async () => {
    const first: any = await t.client.request('GET', '/log/types/message.inbox/entries?limit=10');
    expect(first.entries).toHaveLength(10);
    expect(first.entries.every((e: any) => e.type === 'message.inbox')).toBe(true);
    const rest: any = await t.client.request('GET', `/log/types/message.inbox/entries?after=${first.next_after}`);
    expect(rest.entries[0].index).toBeGreaterThan(first.next_after);
    expect(first.entries.length + rest.entries.length).toBeLessThanOrEqual(60);
  });

  it('cuts pages by type at the byte cap too, and the pages still add up to every entry of that type', async () => {
    const all: any[] = [];
    let cut = 0;
    for (let after: number | null = null; ; ) {
      const page: any = await t.client.request('GET', `/log/types/message.inbox/entries${after === null ? '' : `?after=${after}`}`);
      const bytes = page.entries.reduce((n: number, e: any) => n + Buffer.byteLength(JSON.stringify(e.payload)), 0);
      if (page.entries.length > 1) expect(bytes).toBeLessThanOrEqual(2500);
      if (page.next_after !== null && page.entries.length < 16) cut++;
      all.push(...page.entries);
      if (page.next_after === null) break;
      after = page.next_after;
    }
    expect(cut).toBeGreaterThan(0);
    expect(all.map((e) => e.index)).toEqual(entries.filter((e) => e.type === 'message.inbox').map((e) => e.index));
  });

  it('refuses impossible or malformed proof and page requests with a 4xx', async () => {
    const size = entries.length;
    const cases: [string, number][] = [
      [`/log/proof/inclusion?index=${size}`, 400],
      [`/log/proof/inclusion?index=0&size=${size + 1}`, 400],
      ['/log/proof/inclusion?index=0&size=0', 400],
      ['/log/proof/inclusion?index=-1', 400],
      ['/log/proof/inclusion?index=01', 400],
      ['/log/proof/inclusion?index=abc', 400],
      ['/log/proof/inclusion', 400],
      [`/log/proof/inclusion?leaf_hash=${'AB'.repeat(32)}`, 400],
      [`/log/proof/inclusion?leaf_hash=${'ab'.repeat(32)}`, 404],
      ['/log/proof/consistency?first=0', 400],
      [`/log/proof/consistency?first=3&second=2`, 400],
      [`/log/proof/consistency?first=1&second=${size + 1}`, 400],
      [`/log/proof/consistency?first=99999999999999999`, 400],
      [`/log/entries/${size}`, 404],
      ['/log/entries?start=x', 400],
      [`/log/heads/${[...Array(size).keys()].find((n) => n > 0 && !heads.some((h) => h.size === n))}`, 404],
      ['/log/types/NOT A TYPE/entries', 400],
      ['/log/types/message.inbox/entries?limit=0', 400],
    ];
    for (const [url, status] of cases) {
      const r = await t.request('GET', url);
      expect([url, r.status]).toEqual([url, status]);
      expect(r.json.error.code).toMatch(/^[A-Z_]+$/);
    }
    // An empty page past the end is not an error.
    expect(await t.client.request('GET', `/log/entries?start=${size + 5}`)).toEqual({ entries: [], next: null });
  });

  it('keeps the tree consistent after a restart from the same database, and refuses another key', async () => {
    const before = await t.client.head();
    await t.restart(['--page-limit', '16', '--page-bytes', '2500']);
    expect(await t.client.head()).toEqual(before);
    const r = await t.client.createPeer(t.authority, generateSigningKey(), { name: 'after restart', peer_type: 'X', size_min: 0, size_max: 1 });
    expect(r.entry.index).toBe(before.size);
    expect(await t.client.checkConsistency(before, r.tree_head)).toBe(true);

    await t.process.stop('SIGTERM');
    const otherKey = join(dirname(t.dbPath), 'other.key');
    loadOrCreateBoardKey(otherKey);
    const refused = await runOstraka(['board', 'serve', '--db', t.dbPath, '--key-file', otherKey, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/belongs to board key/);
    await t.restart();
    expect((await t.client.head()).size).toBe(before.size + 1);
  });
});
