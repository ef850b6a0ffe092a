import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, type SigningKey } from '@ostraka/crypto';
import { keyId } from '@ostraka/protocol/log';
import { toHex } from '@ostraka/crypto';
import { createBoard, loadOrCreateBoardKey, type Board, type BoardOptions } from '@ostraka/board';
import { BoardClient } from '@ostraka/board/client';
import { startBoardProcess, type BoardProcess } from './server-process.js';

export function tempDir(prefix = 'ostraka-board-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the API tests need from a board, wherever it runs. */
export interface BoardUnderTest {
  authority: SigningKey;
  boardKey: SigningKey;
  client: BoardClient;
  /** A raw request; `json` is the parsed body (or the text when it is not JSON). */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

async function parsed(res: Response): Promise<{ status: number; json: any }> {
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON (metrics) */
  }
  return { status: res.status, json };
}

function requestInit(method: string, body: unknown, headers: Record<string, string>): RequestInit {
  const init: RequestInit = { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return init;
}

export interface ServedBoard extends BoardUnderTest {
  readonly url: string;
  readonly dbPath: string;
  readonly keyFile: string;
  readonly process: BoardProcess;
  /** SIGTERM, then start again on the same database and key (extra flags for the new run). */
  restart(extra?: string[]): Promise<void>;
}

/**
 * `ostraka board serve` as a real process on a temporary database, over real HTTP: what the API
 * tests run against. `flags` are extra command-line flags (limits); the rate limit is off unless set.
 */
export async function servedBoard(flags: string[] = []): Promise<ServedBoard> {
  const tmp = tempDir('ostraka-served-');
  const authority = generateSigningKey();
  const dbPath = join(tmp.dir, 'board.sqlite');
  const keyFile = join(tmp.dir, 'board.key');
  const boardKey = loadOrCreateBoardKey(keyFile).key;
  const base = ['--db', dbPath, '--key-file', keyFile, '--port', '0', '--log-level', 'warn'];
  const withDefaults = (f: string[]) => (f.includes('--rate-limit') ? f : [...f, '--rate-limit', '0']);
  let proc: BoardProcess;
  try {
    proc = await startBoardProcess([...base, '--authority-key', toHex(authority.publicKey), ...withDefaults(flags)]);
  } catch (e) {
    tmp.remove();
    throw e;
  }
  const served: ServedBoard = {
    authority,
    boardKey,
    dbPath,
    keyFile,
    get url() {
      return proc.url;
    },
    get process() {
      return proc;
    },
    client: new BoardClient(proc.url),
    async request(method, path, body, headers = {}) {
      return parsed(await fetch(proc.url + path, requestInit(method, body, headers)));
    },
    async restart(extra = []) {
      await proc.stop('SIGTERM');
      proc = await startBoardProcess([...base, ...withDefaults(extra)]);
      served.client = new BoardClient(proc.url);
    },
    async close() {
      await proc.stop('SIGTERM');
      tmp.remove();
    },
  };
  return served;
}

export interface TestBoard extends BoardUnderTest {
  board: Board;
  authority: SigningKey;
  boardKey: SigningKey;
  client: BoardClient;
  dbPath: string;
  /** A raw request to the in-process app. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/**
 * A board on a temporary SQLite file, served in process (`app.fetch`), with an authority key:
 * for tests that need the board object itself (plugins, extension types).
 */
export async function inProcessBoard(options: Partial<BoardOptions> = {}): Promise<TestBoard> {
  const tmp = tempDir();
  const authority = generateSigningKey();
  const boardKey = generateSigningKey();
  const dbPath = join(tmp.dir, 'board.sqlite');
  const board = await createBoard({ storage: dbPath, key: boardKey, authorityKey: authority.publicKey, limits: { rateLimit: 0 }, ...options });
  const fetchImpl = ((input: string | URL | Request, init?: RequestInit) => board.app.fetch(new Request(input, init))) as typeof fetch;
  const client = new BoardClient('http://board.test', fetchImpl);
  return {
    board,
    authority,
    boardKey,
    client,
    dbPath,
    async request(method, path, body, headers = {}) {
      return parsed(await board.app.fetch(new Request('http://board.test' + path, requestInit(method, body, headers))));
    },
    async close() {
      await board.close();
      tmp.remove();
    },
  };
}

export const peerFields = (name = 'peer') => ({ name, peer_type: 'MIXNET', size_min: 0, size_max: 1000 });

/** Registers a fresh peer (signed by the authority) and returns its key and id. */
export async function newPeer(t: { client: BoardClient; authority: SigningKey }, fields = peerFields()): Promise<{ key: SigningKey; id: string }> {
  const key = generateSigningKey();
  await t.client.createPeer(t.authority, key, fields);
  return { key, id: keyId(key.publicKey) };
}
