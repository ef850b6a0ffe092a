import type { Board } from '@ostraka/board';
import { BoardClient } from '@ostraka/board/client';
import type { SigningKey } from '@ostraka/crypto';
import type { AdminDb } from './admin-store/admin-db.js';
import type { AssetStore } from './http/assets.js';
import type { SignInLimiter } from './http/sign-in-limiter.js';

/** What the web's routes share: the board they run in, the admin database and keys, the limits. */
export interface WebServices {
  readonly board: Board;
  readonly db: AdminDb;
  /** The board's own API, called in process (no socket, same pipeline and receipts as HTTP). */
  readonly client: BoardClient;
  readonly boardAuthority: SigningKey;
  readonly electionAuthority: SigningKey;
  readonly limiter: SignInLimiter;
  /** Session cookies carry `Secure` (always over https; forced when a TLS proxy is in front). */
  readonly secureCookies: boolean;
  readonly clock: () => number;
  readonly assets: AssetStore;
  /** Milliseconds between live status polls of the admin pages. */
  readonly pollMs: number;
}

/** A BoardClient whose requests go straight to the board's Hono application. */
export function inProcessClient(board: Board): BoardClient {
  return new BoardClient('http://board.internal', async (input, init) => board.app.request(String(input), init));
}
