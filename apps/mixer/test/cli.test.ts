/**
 * The command line of `ostraka mix`: help, usage errors (exit 2, nothing done), and `enroll`,
 * whose registration request the board authority turns into a peer of the board. The key file's
 * secret is never printed.
 */
import { chmodSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSigningKey, toHex } from '@ostraka/crypto';
import { peerRegistrationSchema } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { createBoard, startServer, type RunningServer } from '@ostraka/board';
import { BoardClient } from '@ostraka/board/client';
import { registerPeer } from '@ostraka/election';
import { main } from '@ostraka/mixer/cli';
import { writeKeyFile } from './support/mix-process.js';
import { tempDir } from './support/temp-dir.js';

const tmp = tempDir();
const authority = generateSigningKey();
const mixKey = generateSigningKey();
let keyFile: string;
let server: RunningServer;

beforeAll(async () => {
  keyFile = writeKeyFile(tmp.dir, 'mix.key', mixKey);
  const board = await createBoard({ storage: join(tmp.dir, 'board.sqlite'), key: generateSigningKey(), authorityKey: authority.publicKey, limits: { rateLimit: 0 } });
  server = await startServer(board, '127.0.0.1', 0);
});
afterAll(async () => {
  await server?.close();
  tmp.remove();
});
afterEach(() => vi.restoreAllMocks());

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** Runs `ostraka mix <args>` in process, capturing what it prints. */
async function mix(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += a.join(' ') + '\n'));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += a.join(' ') + '\n'));
  const code = await main(args);
  vi.restoreAllMocks();
  expect(out + err).not.toContain(toHex(mixKey.secretKey));
  return { code, out, err };
}

describe('ostraka mix: help and usage', () => {
  it('prints help for the tool and each command (exit 0), usage on stderr when called bare (exit 2)', async () => {
    expect(await mix('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/commands:\n {2}run .*\n {2}enroll /) });
    expect(await mix()).toMatchObject({ code: 2, err: expect.stringMatching(/usage: ostraka mix/) });
    const run = await mix('run', '--help');
    expect(run.code).toBe(0);
    for (const option of ['--board URL', '--election ID', '--key FILE', '--workers K', '--state-dir DIR', '--poll-ms N']) expect(run.out).toContain(option);
    expect(run.out).toMatch(/Exit codes: 0 .* 1 .* 2 bad usage/s);
    expect((await mix('enroll', '--help')).out).toMatch(/usage: ostraka mix enroll --key FILE --board URL --out FILE/);
  });

  const base = ['--board', 'http://127.0.0.1:1', '--election', 'e1', '--key'];
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run', '--election', 'e1', '--key', 'k'], /--board is required/],
    [['run', '--board', 'ftp://x', '--election', 'e1', '--key', 'k'], /--board must be an http or https URL/],
    [['run', '--board', 'not a url', '--election', 'e1', '--key', 'k'], /--board must be a URL/],
    [['run', '--board', 'http://x', '--election', 'Bad_Id', '--key', 'k'], /--election must be an election id/],
    [['run', '--board', 'http://x', '--election', 'e1'], /--key is required/],
    [['run', ...base, 'KEY', '--workers', '0'], /--workers must be an integer from 1 to 256/],
    [['run', ...base, 'KEY', '--poll-ms', 'soon'], /--poll-ms must be an integer/],
    [['run', ...base, 'KEY', '--verbose'], /Unknown option '--verbose'/],
    [['run', ...base, 'KEY', 'extra'], /Unexpected argument 'extra'/],
    [['run', ...base, '/nonexistent/mix.key'], /key file \/nonexistent\/mix.key does not exist/],
    [['enroll', '--key', 'KEY', '--board', 'http://x'], /--out is required/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await mix(...args.map((a) => (a === 'KEY' ? keyFile : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('refuses a key file that others can read, without printing it', async () => {
    const loose = writeKeyFile(tmp.dir, 'loose.key', mixKey);
    chmodSync(loose, 0o644);
    const r = await mix('run', '--board', 'http://127.0.0.1:1', '--election', 'e1', '--key', loose);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/readable by others .* chmod 600/);
  });
});

describe('ostraka mix enroll', () => {
  it('writes a registration request bound to the board, which the board authority registers as a MIXNET peer', async () => {
    const out = join(tmp.dir, 'registration.json');
    const r = await mix('enroll', '--key', keyFile, '--board', server.url + '/', '--name', 'Mix server at the library', '--out', out);
    expect(r.code, r.err).toBe(0);
    const client = new BoardClient(server.url);
    const request = peerRegistrationSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(request).toMatchObject({ board: await client.boardId(), key_id: keyId(mixKey.publicKey), key_data: toHex(mixKey.publicKey), name: 'Mix server at the library', peer_type: 'MIXNET' });
    expect(JSON.parse(r.out)).toEqual({ out, key_id: keyId(mixKey.publicKey), board: request.board });

    await registerPeer(client, authority, request, { min: 0, max: 0 });
    const peer = await client.request<{ peer_type: string; key_data: string }>('GET', `/peers/${request.key_id}`);
    expect(peer).toMatchObject({ peer_type: 'MIXNET', key_data: toHex(mixKey.publicKey) });

    // Never overwritten.
    const again = await mix('enroll', '--key', keyFile, '--board', server.url, '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
  });

  it('fails (exit 1) when the board cannot be reached, writing nothing', async () => {
    const out = join(tmp.dir, 'unreachable.json');
    const closed = await closedPort();
    const r = await mix('enroll', '--key', keyFile, '--board', `http://127.0.0.1:${closed}`, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot read the board id from http://127.0.0.1:${closed}: board unreachable (ECONNREFUSED)`);
    expect(() => readFileSync(out)).toThrow();
  });
});
