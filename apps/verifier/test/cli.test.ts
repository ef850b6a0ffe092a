/**
 * The command as a voter or an auditor runs it: a transcript directory or a live board (the same
 * verdict), exit codes 0 / 1 / 2, the JSON report, and receipts (counted, replaced by a re-vote,
 * forged, or under a head the board did not sign for this log).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, fromHex, toHex } from '@ostraka/crypto';
import { signTreeHead } from '@ostraka/protocol/log';
import { generateElection, type GeneratedElection } from './support/election.js';
import { copyTranscript, TranscriptEditor } from './support/transcript-editor.js';

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/ostraka-verify.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

let gen: GeneratedElection;
let live: { board: Run; wrongKey: Run; json: Run } | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'ostraka-verify-cli-'));

beforeAll(async () => {
  gen = await generateElection({
    voters: 4,
    whileServed: async (url, fx) => {
      const key = fingerprint(fromHex((await fx.client.info()).public_key));
      const [board, wrongKey, json] = await Promise.all([
        run(['--board', url, '--election', fx.id, '--board-key', key, '--workers', '1', '--quiet']),
        run(['--board', url, '--election', fx.id, '--board-key', 'ab'.repeat(32), '--workers', '1', '--quiet']),
        run(['--board', url, '--election', fx.id, '--json', '--workers', '1', '--quiet']),
      ]);
      live = { board, wrongKey, json };
    },
  });
}, 180_000);

afterAll(() => {
  if (gen) rmSync(dirname(gen.dir), { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('ostraka-verify on a directory', () => {
  it('exit 0 and a report of every phase for the untouched transcript, with the key pinned', async () => {
    const r = await run([gen.dir, '--board-key', toHex(gen.keys.board.publicKey), '--workers', '2']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const phase of ['files', 'log', 'replay', 'ballots', 'shuffle', 'decryption']) expect(r.stdout).toMatch(new RegExp(`^${phase}\\s+\\d+\\.\\d+ s`, 'm'));
    expect(r.stdout).toMatch(/VALID: every check passed/);
    expect(r.stdout).toMatch(/\(pinned\)/);
    expect(r.stderr).toMatch(/shuffle proofs/);
  });

  it('without a pinned key: valid, and says the fingerprint must be compared', async () => {
    const r = await run([gen.dir, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(fingerprint(gen.keys.board.publicKey));
    expect(r.stdout).toMatch(/NOT PINNED/);
  });

  it('exit 1 with the failure\'s file, line and reason for a tampered transcript; --json carries the same', async () => {
    const ed = new TranscriptEditor(copyTranscript(gen.dir), gen.keys);
    const tally = ed.find((e) => e.type === 'election.state' && e.payload.state === 'tallied');
    tally.payload = { ...tally.payload, tally: { ...tally.payload.tally, valid: 99 } };
    ed.resign(tally);
    ed.write();
    const human = await run([ed.dir, '--quiet']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(new RegExp(`tally\\.count  log/entries-000000\\.jsonl:${tally.index + 1}, entry ${tally.index}: election\\.state: the tally is not the count`));
    const json = await run([ed.dir, '--json', '--quiet']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toMatchObject({ check: 'tally.count', ok: false, file: 'log/entries-000000.jsonl', line: tally.index + 1, index: tally.index });
    rmSync(dirname(ed.dir), { recursive: true, force: true });
  });

  it('exit 2 for bad usage and unreadable locations, never a stack trace', async () => {
    for (const args of [[], ['--bogus'], [gen.dir, '--workers', '0'], [gen.dir, '--board-key', 'xyz'], ['--board', 'http://127.0.0.1:9'], [gen.dir, gen.dir], ['/nonexistent/transcript'], ['--board', 'http://127.0.0.1:9', '--election', 'e']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^ostraka-verify: /m);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: ostraka-verify DIR/);
  });

  it('an empty directory or a file instead of a directory', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const r = await run([empty, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/files\.index  transcript\.json: the file is missing/);
    const file = join(scratch, 'file');
    writeFileSync(file, 'x');
    expect((await run([file])).code).toBe(2);
  });
});

describe('ostraka-verify --board', () => {
  it('downloads the transcript from the live board and gives the same verdict', () => {
    expect(live, 'the board was verified while served').toBeDefined();
    expect(live!.board.code, live!.board.stdout + live!.board.stderr).toBe(0);
    expect(live!.board.stdout).toMatch(/VALID/);
    const report = JSON.parse(live!.json.stdout);
    expect(report.ok).toBe(true);
    expect(report.summary.state).toBe('tallied');
  });

  it('a board key that is not the pinned one: exit 1', () => {
    expect(live!.wrongKey.code).toBe(1);
    expect(live!.wrongKey.stdout).toMatch(/log\.board-key/);
  });
});

describe('--receipt', () => {
  const receipt = (name: string, value: unknown) => {
    const file = join(scratch, `${name}.json`);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('a counted ballot: its position in the ballot box', async () => {
    const r = await run([gen.dir, '--receipt', receipt('counted', gen.receipts[2]), '--json', '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.receipt.status).toBe('counted');
    expect(report.receipt.position).toBeGreaterThanOrEqual(0);
  });

  it('a ballot replaced by a re-vote: valid, not counted, and which entry replaced it', async () => {
    const r = await run([gen.dir, '--receipt', receipt('replaced', gen.receipts[0]), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`receipt: replaced: not counted: a later ballot of the same credential \\(entry ${gen.revote.entry.index}\\) replaced it`));
    const again = await run([gen.dir, '--receipt', receipt('revote', gen.revote), '--json', '--quiet']);
    expect(JSON.parse(again.stdout).receipt.status).toBe('counted');
  });

  it('a receipt whose tracker is not the ballot\'s: exit 1', async () => {
    const r = await run([gen.dir, '--receipt', receipt('forged', { ...gen.receipts[1], tracker: '00'.repeat(32) }), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/receipt\.ballot .*tracker/);
  });

  it('a receipt under a head the board signed over another log (a rewritten log): exit 1, inclusion fails', async () => {
    const head = gen.receipts[1].tree_head;
    const forged = signTreeHead(gen.keys.board, { board: head.board, size: head.size, timestamp: head.timestamp, root: 'cd'.repeat(32) });
    const r = await run([gen.dir, '--receipt', receipt('rewritten', { ...gen.receipts[1], tree_head: forged }), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/receipt\.inclusion/);
  });

  it('a receipt whose head is not signed by the board, or not a receipt at all: exit 1', async () => {
    const head = { ...gen.receipts[1].tree_head, signature: '00'.repeat(64) };
    expect((await run([gen.dir, '--receipt', receipt('unsigned', { ...gen.receipts[1], tree_head: head }), '--quiet'])).code).toBe(1);
    expect((await run([gen.dir, '--receipt', receipt('garbage', { hello: 1 }), '--quiet'])).code).toBe(1);
    expect((await run([gen.dir, '--receipt', join(scratch, 'no-such-receipt.json'), '--quiet'])).code).toBe(2);
  });
});
