import type { BoardPlugin } from '@ostraka/board';
import { openAdminDb, type AdminDb } from './admin-store/admin-db.js';
import { loadOrCreateKey } from './admin-store/authority-keys.js';
import { purgeExpiredSessions } from './admin-store/sessions.js';
import { adminRoutes } from './admin/admin-routes.js';
import { boothRoutes, receiptRoutes } from './booth/booth-routes.js';
import { assetRoutes, loadAssets, type AssetStore } from './http/assets.js';
import { securityHeaders } from './http/security-headers.js';
import { SignInLimiter, type SignInLimits } from './http/sign-in-limiter.js';
import { inProcessClient, type WebServices } from './services.js';

export interface WebOptions {
  /** The admin database: a path (created with mode 0600 if missing) or an open database. */
  readonly adminDb: string | AdminDb;
  /** Mark session cookies `Secure` even over plain HTTP (a TLS proxy in front of the board). */
  readonly secureCookies?: boolean;
  readonly signInLimits?: SignInLimits;
  /** Milliseconds between the admin pages' live status polls (default 2,000). */
  readonly pollMs?: number;
  readonly clock?: () => number;
  /** Where the browser bundles are (default: this package's dist/assets). */
  readonly assets?: AssetStore;
  /**
   * Largest upload of the admin's file forms (peers, trustee files), in bytes: a partial
   * decryption takes about 2·(32·width + 64) bytes per ballot (default 256 MiB).
   */
  readonly maxUploadBytes?: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/**
 * The web admin and the voting booth, served by the board's process (docs/web.md): `/admin`
 * (administrators), `/vote/:id` (the booth), `/receipt` (receipt check), `/assets` (their scripts
 * and style sheet, from this origin only). The admin signs as the election authority with keys
 * from the admin database, and calls the board in process.
 */
export function webPlugin(options: WebOptions): BoardPlugin {
  return (board) => {
    const db = typeof options.adminDb === 'string' ? openAdminDb(options.adminDb) : options.adminDb;
    const clock = options.clock ?? Date.now;
    purgeExpiredSessions(db, clock);
    const services: WebServices = {
      board,
      db,
      client: inProcessClient(board),
      boardAuthority: loadOrCreateKey(db, 'board-authority', clock),
      electionAuthority: loadOrCreateKey(db, 'election-authority', clock),
      limiter: new SignInLimiter(options.signInLimits, clock),
      secureCookies: options.secureCookies ?? false,
      clock,
      assets: options.assets ?? loadAssets(),
      pollMs: options.pollMs ?? 2000,
    };
    for (const path of ['/admin', '/admin/*', '/vote/*', '/receipt', '/assets/*']) board.app.use(path, securityHeaders);
    // Only the file forms take large bodies, and only with a session (checked before the body is read).
    const uploadCap = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    for (const prefix of ['/admin/peers', '/admin/elections/']) board.setBodyLimit(prefix, uploadCap);
    board.app.route('/assets', assetRoutes(services.assets));
    board.app.route('/admin', adminRoutes(services));
    board.app.route('/vote', boothRoutes(services));
    board.app.route('/receipt', receiptRoutes());
  };
}
