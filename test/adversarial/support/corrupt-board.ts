/**
 * A corrupt board operator who runs modified code: the election plugin, except that ballots of
 * the credentials in `dropped` are accepted, logged and receipted, but never recorded as ballots
 * of the election, so the ballot box (the first mix's input) silently leaves them out. Served
 * over real HTTP from the test process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, startServer, type Board, type EntryTypeExtension } from '@ostraka/board';
import { generateSigningKey, type SigningKey } from '@ostraka/crypto';
import { electionPlugin } from '@ostraka/election';
import { BoardClient } from '@ostraka/board/client';

export interface CorruptBoard {
  readonly url: string;
  readonly authority: SigningKey;
  readonly client: BoardClient;
  /** Credentials (hex public keys) whose ballots the board drops from the ballot box. */
  readonly dropped: Set<string>;
  close(): Promise<void>;
}

function droppingPlugin(dropped: Set<string>) {
  return (board: Board) => {
    const wrap = (ext: EntryTypeExtension<any>): EntryTypeExtension<any> => ({
      ...ext,
      async apply(ctx) {
        const credential = (ctx.payload as { data?: { credential?: string } }).data?.credential;
        if (credential !== undefined && dropped.has(credential)) return; // logged, receipted, not counted
        return ext.apply?.(ctx);
      },
    });
    const tampered = new Proxy(board, {
      get(target, prop) {
        if (prop === 'extendEntryType') return (type: string, ext: EntryTypeExtension<any>) => target.extendEntryType(type, type === 'message.inbox' ? wrap(ext) : ext);
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return electionPlugin(tampered);
  };
}

export async function corruptBoard(): Promise<CorruptBoard> {
  const dir = mkdtempSync(join(tmpdir(), 'ostraka-corrupt-board-'));
  const authority = generateSigningKey();
  const dropped = new Set<string>();
  const board = await createBoard({ storage: join(dir, 'board.sqlite'), key: generateSigningKey(), authorityKey: authority.publicKey, limits: { rateLimit: 0 }, plugins: [droppingPlugin(dropped)] });
  const server = await startServer(board, '127.0.0.1', 0);
  return {
    url: server.url,
    authority,
    client: new BoardClient(server.url),
    dropped,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
