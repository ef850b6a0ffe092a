import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, type Board } from '@ostraka/board';
import { generateSigningKey } from '@ostraka/crypto';
import { electionPlugin } from '@ostraka/election';
import { addAccount, loadOrCreateKey, openAdminDb, webPlugin, type AdminDb, type WebOptions } from '@ostraka/web';

export const ADMIN = { username: 'alice', password: 'correct horse battery staple' };

/** A board with the election and the web in process, an admin database with one account, and a clock tests can move. */
export interface WebBoard {
  readonly board: Board;
  readonly db: AdminDb;
  readonly dir: string;
  now: number;
  /** A request to the board's app; `origin` defaults to http://board.test. */
  request(path: string, init?: RequestInit & { origin?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function webBoard(options: Partial<WebOptions> = {}): Promise<WebBoard> {
  const dir = mkdtempSync(join(tmpdir(), 'ostraka-web-'));
  const db = openAdminDb(join(dir, 'board.admin.sqlite'));
  await addAccount(db, ADMIN.username, ADMIN.password);
  const authority = loadOrCreateKey(db, 'board-authority');
  const state = { now: Date.now() };
  const board = await createBoard({
    storage: join(dir, 'board.sqlite'),
    key: generateSigningKey(),
    authorityKey: authority.publicKey,
    limits: { rateLimit: 0 },
    plugins: [electionPlugin, webPlugin({ adminDb: db, clock: () => state.now, ...options })],
  });
  return {
    board,
    db,
    dir,
    get now() {
      return state.now;
    },
    set now(t: number) {
      state.now = t;
    },
    request: async (path, init = {}) => {
      const { origin = 'http://board.test', ...rest } = init;
      return board.app.request(origin + path, rest);
    },
    async close() {
      await board.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Cookies of a Set-Cookie list, as `name=value; …` for a Cookie header. */
export function cookieHeader(res: Response, jar: Map<string, string> = new Map()): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair.split('=');
    if (/Max-Age=0/i.test(line) || value.join('=') === '') jar.delete(name.trim());
    else jar.set(name.trim(), value.join('='));
  }
  return jar;
}

export const cookieString = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The value of a hidden input `name` in a page. */
export function hiddenField(page: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no field ${name} in the page`);
  return m[1];
}

/** Signs in through the form (GET the page for its token and cookie, POST it); returns the session's cookie jar and CSRF token. */
export async function signIn(w: WebBoard, username = ADMIN.username, password = ADMIN.password): Promise<{ jar: Map<string, string>; csrf: string; status: number }> {
  const page = await w.request('/admin/login');
  const jar = cookieHeader(page);
  const token = hiddenField(await page.text(), '_csrf');
  const res = await w.request('/admin/login', {
    method: 'POST',
    headers: { cookie: cookieString(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username, password }).toString(),
  });
  cookieHeader(res, jar);
  if (res.status !== 303) return { jar, csrf: '', status: res.status };
  const home = await w.request('/admin', { headers: { cookie: cookieString(jar) } });
  return { jar, csrf: hiddenField(await home.text(), '_csrf'), status: res.status };
}

export function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}
