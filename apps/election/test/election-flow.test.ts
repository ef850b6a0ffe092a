/**
 * A whole election through a real board process over HTTP, with in-process trustees and mix
 * rounds: every transition, ballots with every question kind, re-voting, copies and replays
 * refused, mixing, decryption with one trustee absent, and a tally equal to the count of what
 * was cast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castBallot, checkReceipt, createBallot, type Receipt } from '@ostraka/client';
import { generateSigningKey } from '@ostraka/crypto';
import { tallyBallots, encodeBallot, type Answer } from '@ostraka/protocol';
import { directorySink, exportTranscript, httpSource, tallyElection } from '@ostraka/election';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ElectionFixture, mixInProcess } from '@ostraka/election/testing';
import { servedBoard, type ServedBoard } from '../../board/test/support/fixtures.js';

const expectRefusal = async (p: Promise<unknown>, status: number, code?: string) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').not.toBeNull();
  const s = (e as { status?: number }).status;
  expect(s).toBe(status);
  if (code) expect((e as { code?: string }).code).toBe(code);
};

function answers(seed: number): Answer[] {
  return [
    { kind: 'plurality', candidate: seed % 4 === 3 ? null : seed % 3 },
    { kind: 'approval', candidates: seed % 2 ? [0, 3] : [1] },
    { kind: 'ranked', ranking: seed % 2 ? [2, 0, 1] : [1, 2] },
    { kind: 'write-in', text: seed % 5 === 0 ? '' : `motto ${seed % 2}` },
  ];
}

describe('an election end to end on a served board', () => {
  let board: ServedBoard;
  let fx: ElectionFixture;
  const cast: Answer[][] = [];
  const receipts: Receipt[] = [];

  beforeAll(async () => {
    board = await servedBoard();
    fx = new ElectionFixture({ boardUrl: board.url, boardAuthority: board.authority, mixServers: [generateSigningKey(), generateSigningKey()], trustees: { threshold: 2, count: 3 } });
  });
  afterAll(async () => board?.close());

  it('runs the ceremony and opens voting', async () => {
    await fx.prepare(8);
    const status = await fx.authority.status();
    expect(status.state).toBe('voting-open');
    expect(status.credentials).toBe(8);
    expect(status.qualified).toEqual([1, 2, 3]);
    expect(status.joint_key).toBe(fx.jointKey);
  });

  it('refuses illegal transitions with 409 and changes nothing', async () => {
    await expectRefusal(fx.authority.transition('tallied', { decryptions: [1], plaintexts_hash: '0'.repeat(64), tally: {} }), 409, 'WRONG_STATE');
    await expectRefusal(fx.authority.transition('mixing', { ballots: 0, input_hash: '0'.repeat(64) }), 409, 'WRONG_STATE');
    expect((await fx.authority.status()).state).toBe('voting-open');
  });

  it('accepts ballots, re-votes, and refuses copies, replays and foreign credentials', async () => {
    const codes = [...fx.credentials.keys()];
    for (let i = 0; i < codes.length; i++) {
      const receipt = await fx.vote(codes[i], answers(i));
      expect(receipt.tracker).toMatch(/^[0-9a-f]{64}$/);
      receipts[i] = receipt;
      cast[i] = answers(i);
    }
    // Voter 0 changes its mind: the last ballot counts.
    await fx.vote(codes[0], answers(100));
    cast[0] = answers(100);

    const status = await fx.authority.status();
    const election = { id: fx.id, authority: fx.authority.peerId, ballotCycle: status.ballot_cycle as number };
    // A copy of voter 1's ballot cast by voter 2: same ciphertext, voter 2's signature.
    const key1 = fx.credentials.get(codes[1])!;
    const key2 = fx.credentials.get(codes[2])!;
    const ballot1 = createBallot(fx.manifest, fx.jointKey, answers(1), key1);
    await castBallot(board.url, election, ballot1, key1);
    cast[1] = answers(1);
    await expectRefusal(castBallot(board.url, election, { ...ballot1, credential: Buffer.from(key2.publicKey).toString('hex') }, key2), 400, 'BAD_BALLOT');
    // The same ballot again (a replay, re-signed): refused as a duplicate.
    await expectRefusal(castBallot(board.url, election, ballot1, key1), 409);
    // A credential of no election is not a registered author.
    const stranger = generateSigningKey();
    await expectRefusal(castBallot(board.url, election, createBallot(fx.manifest, fx.jointKey, answers(3), stranger), stranger), 403, 'UNKNOWN_SIGNER');
  });

  it('closes voting, refuses late ballots, and mixes in two rounds', async () => {
    await fx.authority.closeVoting();
    const code = [...fx.credentials.keys()][3];
    await expectRefusal(fx.vote(code, answers(3)), 409);
    const input = await fx.authority.startMixing();
    expect(input.count).toBe(8);
    const consensus = await fx.authority.consensusId();
    // Mix server 2 cannot go first.
    await expectRefusal(mixInProcess(fx.client, fx.mixKeys[1], fx.manifest, fx.jointKey, consensus, 1), 403);
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, consensus, 1, { chunkChars: 600 });
    await mixInProcess(fx.client, fx.mixKeys[1], fx.manifest, fx.jointKey, consensus, 2);
    const status = await fx.authority.status();
    expect(status.rounds.length).toBe(2);
    expect(status.rounds[1].count).toBe(8);
  });

  it('decrypts with one trustee absent and one cheating, and tallies exactly what was cast', async () => {
    await fx.decrypt([1, 2, 3], [1]);
    const outcome = await tallyElection(fx.authority);
    expect(outcome.decryptions).toEqual([2, 3]);
    expect(outcome.rejected.map((r) => r.trustee)).toEqual([1]);
    const expected = tallyBallots(fx.manifest.questions, cast.map((a) => encodeBallot(fx.manifest.questions, a)));
    expect(outcome.tally.questions).toEqual(expected.questions);
    expect(outcome.tally.valid).toBe(8);
    const status = await fx.authority.status();
    expect(status.state).toBe('tallied');
    const tally = await fx.client.request<{ tally: unknown }>('GET', `/elections/${fx.id}/tally`);
    expect(tally.tally).toEqual(JSON.parse(JSON.stringify(outcome.tally)));
  });

  it('checks receipts: counted, or replaced by a later ballot of the same credential', async () => {
    const counted = await checkReceipt(board.url, receipts[3]);
    expect(counted.ok).toBe(true);
    expect(counted.counted).toBe('counted');
    expect(counted.checks.map((c) => c.name)).toEqual(['signed head', 'entry', 'ballot', 'inclusion', 'consistency', 'counted']);
    const replaced = await checkReceipt(board.url, receipts[0]);
    expect(replaced.ok).toBe(true);
    expect(replaced.counted).toBe('replaced');
    // A receipt whose tracker was altered no longer matches the entry.
    const forged = await checkReceipt(board.url, { ...receipts[3], tracker: '00'.repeat(32) });
    expect(forged.ok).toBe(false);
    expect(forged.checks.find((c) => c.name === 'ballot')?.ok).toBe(false);
  });

  it('exports the transcript as a directory and as a tar download with the same files', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ostraka-transcript-')), 'out');
    const sink = directorySink(dir);
    const { head, files } = await exportTranscript(httpSource(fx.client), fx.id, sink);
    sink.commit();
    const index = JSON.parse(readFileSync(join(dir, 'transcript.json'), 'utf8'));
    expect(index.format).toBe('ostraka-transcript-v1');
    expect(index.head).toEqual(head);
    const lines = readFileSync(join(dir, 'log/entries-000000.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(head.size);
    expect(JSON.parse(lines[0]).type).toBe('board.genesis');
    expect(files).toEqual(['log/entries-000000.jsonl', 'log/heads.jsonl', 'transcript.json']);
    const tar = new Uint8Array(await (await fetch(`${board.url}/elections/${fx.id}/transcript`)).arrayBuffer());
    const names: string[] = [];
    for (let offset = 0; offset + 512 <= tar.length; ) {
      const name = new TextDecoder().decode(tar.subarray(offset, offset + 100)).replace(/\0.*$/s, '');
      if (name === '') break;
      const size = parseInt(new TextDecoder().decode(tar.subarray(offset + 124, offset + 136)), 8);
      names.push(name);
      if (name.endsWith('entries-000000.jsonl'))
        expect(new TextDecoder().decode(tar.subarray(offset + 512, offset + 512 + size)).split('\n').length - 1).toBeGreaterThanOrEqual(head.size);
      offset += 512 + Math.ceil(size / 512) * 512;
    }
    expect(names).toEqual(files.map((f) => `${fx.id}-transcript/${f}`));
    rmSync(dirname(dir), { recursive: true, force: true });
  });
});
