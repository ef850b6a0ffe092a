import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSigningKey, toHex } from '@ostraka/crypto';
import { keyId, verifyTreeHead } from '@ostraka/protocol/log';
import { BoardClient } from '@ostraka/board/client';
import { tempDir } from './support/fixtures.js';
import { runOstraka, startBoardProcess, stopAllBoardProcesses } from './support/server-process.js';

const tmp = tempDir('ostraka-serve-');

/** Sends `POST /peers` with the given headers-and-body tail on a raw socket; resolves with the reply status. */
function rawStatus(url: string, tail: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let reply = '';
    socket.on('data', (d) => {
      reply += d.toString();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(reply);
      if (m) {
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on('error', (e) => (reply ? undefined : reject(e)));
    socket.write(`POST /peers HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n${tail}`);
  });
}
afterAll(async () => {
  await stopAllBoardProcesses();
  tmp.remove();
});
const authority = generateSigningKey();

describe('ostraka board serve (real process, real HTTP)', () => {
  it('creates the database and key, serves the API, and shuts down cleanly on SIGTERM', async () => {
    const db = join(tmp.dir, 'a', 'board.sqlite');
    const server = await startBoardProcess(['--db', db, '--port', '0', '--authority-key', toHex(authority.publicKey)]);
    const keyFile = join(tmp.dir, 'a', 'board.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listening = server.logs.find((l) => l.msg === 'listening') as Record<string, string>;
    expect(listening.fingerprint).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){4}$/);

    const client = new BoardClient(server.url);
    const info = await client.info();
    expect(info.fingerprint).toBe(listening.fingerprint);
    const mix = generateSigningKey();
    const sender = generateSigningKey();
    await client.createPeer(authority, mix, { name: 'mix', peer_type: 'MIXNET', size_min: 0, size_max: 100 });
    await client.createPeer(authority, sender, { name: 'sender', peer_type: 'CLIENT', size_min: 0, size_max: 0 });
    await client.openCycle(mix, 1);
    const receipts = await Promise.all(Array.from({ length: 20 }, (_, i) => client.sendToInbox(sender, keyId(mix.publicKey), 1, `m${i}`)));
    for (const r of receipts) expect(await client.checkInclusion(r.entry.leaf_hash, r.entry.index, r.tree_head)).toBe(true);

    // An online backup of the live database, taken while writes go on, is a consistent board.
    const live = join(tmp.dir, 'a', 'live-backup.sqlite');
    const [backedUp] = await Promise.all([
      runOstraka(['board', 'backup', '--db', db, '--out', live]),
      Promise.all(Array.from({ length: 10 }, (_, i) => client.sendToInbox(sender, keyId(mix.publicKey), 1, `during backup ${i}`))),
    ]);
    expect(backedUp.code).toBe(0);
    const liveCheck = await runOstraka(['board', 'check', '--db', live, '--json']);
    expect([liveCheck.code, JSON.parse(liveCheck.stdout).ok]).toEqual([0, true]);

    // Malformed, oversized and unknown requests over a real socket.
    const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(server.url + path, { method: 'POST', body, headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    expect(await post('/peers', '{not json')).toMatchObject({ status: 400, body: { error: { code: 'BAD_JSON' } } });
    // Oversized bodies, declared (Content-Length) or streamed (chunked): the board answers 413
    // without reading them to the end (so this uses a raw socket: fetch gives up on early replies).
    expect(await rawStatus(server.url, `Content-Length: 2000000\r\n\r\n{"payload":`)).toBe(413);
    const chunk = 'x'.repeat(64 * 1024);
    const chunked = `Transfer-Encoding: chunked\r\n\r\n` + `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(20);
    expect(await rawStatus(server.url, chunked)).toBe(413);
    expect((await fetch(server.url + '/nowhere')).status).toBe(404);
    expect((await fetch(server.url + '/healthz').then((r) => r.json())) as object).toMatchObject({ status: 'ok' });
    expect(await fetch(server.url + '/metrics').then((r) => r.text())).toContain('ostraka_board_tree_size');

    const before = await client.head();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain(`board key fingerprint ${info.fingerprint}`);
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    // No secret reaches the logs: neither the authority's (never given to the board) nor the board's own.
    const boardSecret = JSON.parse(readFileSync(keyFile, 'utf8')).secret_key as string;
    const allOutput = JSON.stringify(server.logs) + server.stderr();
    expect(allOutput).not.toContain(boardSecret);
    expect(allOutput).not.toContain(toHex(authority.secretKey));
    // A clean shutdown checkpoints the WAL into the database file.
    expect(existsSync(db + '-wal') ? statSync(db + '-wal').size : 0).toBe(0);

    // Same database, configured through environment variables this time.
    const again = await startBoardProcess([], { OSTRAKA_BOARD_DB: db, OSTRAKA_BOARD_PORT: '0' });
    const client2 = new BoardClient(again.url);
    const head = await client2.head();
    expect(head).toEqual(before);
    expect(verifyTreeHead(Buffer.from(info.public_key, 'hex'), head)).toBe(true);
    expect(await again.stop('SIGINT')).toBe(0);
  });

  it('refuses to start on bad configuration, with exit codes 1 (failure) and 2 (usage)', async () => {
    const db = join(tmp.dir, 'b', 'board.sqlite');
    const noAuthority = await runOstraka(['board', 'serve', '--db', db, '--port', '0']);
    expect(noAuthority.code).toBe(1);
    expect(noAuthority.stderr).toContain('--authority-key');
    expect((await runOstraka(['board', 'serve', '--no-such-flag'])).code).toBe(2);
    expect((await runOstraka(['board', 'serve', '--port', 'eighty'])).code).toBe(2);
    expect((await runOstraka(['board', 'serve', '--authority-key', 'zz', '--db', db])).code).toBe(2);
    const help = await runOstraka(['board', 'serve', '--help']);
    expect(help.code).toBe(0);
    for (const v of ['OSTRAKA_BOARD_DB', 'OSTRAKA_BOARD_PORT', '--rate-limit', '--max-body-bytes']) expect(help.stdout).toContain(v);
    expect((await runOstraka(['board', 'frobnicate'])).code).toBe(2);

    const loose = join(tmp.dir, 'loose.key');
    writeFileSync(loose, JSON.stringify({ type: 'ostraka-board-key', version: 1, secret_key: '11'.repeat(32) }));
    chmodSync(loose, 0o644);
    const r = await runOstraka(['board', 'serve', '--db', db, '--key-file', loose, '--authority-key', toHex(authority.publicKey), '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('chmod 600');
    expect(r.stderr).not.toContain('11'.repeat(32));
  });

  it('generates keys without overwriting, and checks a database offline', async () => {
    const keyFile = join(tmp.dir, 'k', 'authority.key');
    const made = await runOstraka(['board', 'keygen', '--out', keyFile]);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).public_key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await runOstraka(['board', 'keygen', '--out', keyFile])).code).toBe(2);
    const copy = join(tmp.dir, 'a', 'backup.sqlite');
    expect((await runOstraka(['board', 'backup', '--db', join(tmp.dir, 'a', 'board.sqlite'), '--out', copy])).code).toBe(0);
    expect((await runOstraka(['board', 'backup', '--db', join(tmp.dir, 'a', 'board.sqlite'), '--out', copy])).code).toBe(2);
    const checked = await runOstraka(['board', 'check', '--db', copy, '--json']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ ok: true, tree_size: 34 });
    expect((await runOstraka(['board', 'check', '--db', join(tmp.dir, 'missing.sqlite')])).code).toBe(2);
  });
});
