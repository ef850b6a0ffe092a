import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, type SigningKey } from '@ostraka/crypto';
import { keyId } from '@ostraka/protocol/log';
import { createBoard, type Board, type BoardOptions } from '@ostraka/board';
import { BoardClient } from '@ostraka/board/client';

export function tempDir(prefix = 'ostraka-board-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestBoard {
  board: Board;
  authority: SigningKey;
  boardKey: SigningKey;
  client: BoardClient;
  dbPath: string;
  /** A raw request to the in-process app. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** A board on a temporary SQLite file, served in process (`app.fetch`), with an authority key. */
export async function testBoard(options: Partial<BoardOptions> = {}): Promise<TestBoard> {
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
      const init: RequestInit = { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await board.app.fetch(new Request('http://board.test' + path, init));
      const text = await res.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON (metrics) */
      }
      return { status: res.status, json };
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
