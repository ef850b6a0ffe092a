/**
 * The admin's HTTP rules, through the board's app in process (`app.request`): every admin route
 * refuses an anonymous request, sign-in sets a hardened session cookie, every POST needs the
 * session's CSRF token and this origin, sign-in attempts are rate-limited, sessions expire and end,
 * pages carry a CSP that forbids inline scripts and foreign origins, and no secret key reaches a page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '@ostraka/crypto';
import { CONTENT_SECURITY_POLICY, loadKey } from '@ostraka/web';
import { ADMIN, cookieHeader, cookieString, hiddenField, signIn, webBoard, type WebBoard } from './support/web-board.js';

const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString() });

/** Every admin route the app has (but the sign-in page), with `:id` filled in: new routes are covered as they are added. */
function adminRoutes(w: WebBoard): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of w.board.app.routes) {
    if (!r.path.startsWith('/admin') || r.path.startsWith('/admin/login') || r.method === 'ALL') continue;
    const path = r.path.replace(':id', 'some-election');
    if (seen.has(`${r.method} ${path}`)) continue;
    seen.add(`${r.method} ${path}`);
    out.push({ method: r.method, path });
  }
  return out;
}

describe('the admin over HTTP', () => {
  let w: WebBoard;
  beforeAll(async () => {
    w = await webBoard({ signInLimits: { burst: 5, refillMs: 60_000 } });
  });
  afterAll(async () => w?.close());

  it('refuses every admin route to an anonymous request: GET goes to the sign-in page, anything else is 401', async () => {
    const routes = adminRoutes(w);
    expect(routes.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(7);
    expect(routes.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(11);
    for (const { method, path } of [...routes, { method: 'GET', path: '/admin/no-such-page' }, { method: 'DELETE', path: '/admin/peers' }]) {
      const res = await w.request(path, { method, ...(method === 'POST' ? { headers: { 'content-type': FORM }, body: '_csrf=x' } : {}) });
      if (method === 'GET') {
        expect(res.status, `${method} ${path}`).toBe(303);
        expect(res.headers.get('location')).toBe('/admin/login');
      } else expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.text()).not.toContain('Signed in as');
    }
  });

  it('serves pages with a CSP that forbids inline scripts and foreign origins, and no inline script or foreign resource', async () => {
    for (const path of ['/admin/login', '/receipt']) {
      const res = await w.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const page = await res.text();
      expect(page).not.toMatch(/<script(?![^>]*\bsrc="\/assets\/)[^>]*>/);
      expect(page).not.toMatch(/\s(src|href|action)="(https?:)?\/\//);
      expect(page).not.toMatch(/\son[a-z]+=/);
      expect(page).not.toMatch(/\sstyle=/);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('signs in with a session cookie that is HttpOnly and SameSite=Strict, Secure over https', async () => {
    const wrong = await signIn(w, ADMIN.username, 'not the password at all');
    expect(wrong.status).toBe(401);
    const page = await w.request('/admin/login');
    const jar = cookieHeader(page);
    const res = await w.request('/admin/login', {
      method: 'POST',
      headers: { cookie: cookieString(jar), 'content-type': FORM },
      body: form({ _csrf: hiddenField(await page.text(), '_csrf'), username: ADMIN.username, password: ADMIN.password }).body,
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ostraka_admin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);

    const tlsPage = await w.request('/admin/login', { origin: 'https://board.test' });
    expect(tlsPage.headers.getSetCookie()[0]).toMatch(/Secure/);
    const tlsJar = cookieHeader(tlsPage);
    const tls = await w.request('/admin/login', {
      origin: 'https://board.test',
      method: 'POST',
      headers: { cookie: cookieString(tlsJar), 'content-type': FORM },
      body: form({ _csrf: hiddenField(await tlsPage.text(), '_csrf'), username: ADMIN.username, password: ADMIN.password }).body,
    });
    expect(tls.headers.getSetCookie().find((c) => c.startsWith('ostraka_admin='))).toMatch(/; Secure/);
  });

  it('refuses a sign-in form not sent from its own page (no sign-in cookie, or another token)', async () => {
    const page = await w.request('/admin/login');
    const token = hiddenField(await page.text(), '_csrf');
    const noCookie = await w.request('/admin/login', { method: 'POST', headers: { 'content-type': FORM }, body: form({ _csrf: token, ...ADMIN }).body });
    expect(noCookie.status).toBe(403);
    const forged = await w.request('/admin/login', {
      method: 'POST',
      headers: { cookie: cookieString(cookieHeader(page)), 'content-type': FORM },
      body: form({ _csrf: 'f'.repeat(64), ...ADMIN }).body,
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('ostraka_admin='))).toBe(false);
  });

  it('refuses a POST without the CSRF token, with a forged one, or from another origin; accepts the right one', async () => {
    const { jar, csrf } = await signIn(w);
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      w.request('/admin/elections/e1/open', { method: 'POST', headers: { cookie: cookieString(jar), 'content-type': FORM, ...headers }, body: form(fields).body });
    expect((await post({})).status).toBe(403);
    expect((await post({ _csrf: csrf.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).status).toBe(403);
    expect((await post({ _csrf: 'x' })).status).toBe(403);
    expect((await post({ _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    // A JSON body carries no form token.
    const json = await w.request('/admin/elections/e1/open', { method: 'POST', headers: { cookie: cookieString(jar), 'content-type': 'application/json' }, body: JSON.stringify({ _csrf: csrf }) });
    expect(json.status).toBe(403);
    // The right token passes the guard: the action itself then fails (no such election), as a message on the next page.
    const ok = await post({ _csrf: csrf }, { origin: 'http://board.test', host: 'board.test' });
    expect(ok.status).toBe(303);
    const next = await w.request(ok.headers.get('location')!, { headers: { cookie: cookieString(jar) } });
    expect(next.status).toBe(404);
    expect(await next.text()).toContain('no election');
  });

  it('ends a session at sign-out, and after an idle hour', async () => {
    const a = await signIn(w);
    const out = await w.request('/admin/logout', { method: 'POST', headers: { cookie: cookieString(a.jar), 'content-type': FORM }, body: form({ _csrf: a.csrf }).body });
    expect(out.status).toBe(303);
    expect((await w.request('/admin', { headers: { cookie: cookieString(a.jar) } })).status).toBe(303);
    const b = await signIn(w);
    expect((await w.request('/admin', { headers: { cookie: cookieString(b.jar) } })).status).toBe(200);
    w.now += 61 * 60_000;
    expect((await w.request('/admin', { headers: { cookie: cookieString(b.jar) } })).status).toBe(303);
  });

  it('stores no session token and no password in clear, and shows no secret key in any page', async () => {
    const { jar } = await signIn(w);
    const token = jar.get('ostraka_admin')!;
    const rows = JSON.stringify(w.db.prepare('SELECT * FROM sessions').all()) + JSON.stringify(w.db.prepare('SELECT * FROM accounts').all());
    expect(rows).not.toContain(token);
    expect(rows).not.toContain(ADMIN.password);
    const secrets = [loadKey(w.db, 'board-authority')!, loadKey(w.db, 'election-authority')!].map((k) => toHex(k.secretKey));
    for (const path of ['/admin', '/admin/peers', '/admin/elections/new']) {
      const page = await (await w.request(path, { headers: { cookie: cookieString(jar) } })).text();
      for (const s of secrets) expect(page).not.toContain(s);
    }
  });

  it('serves the built assets from this origin, and nothing else under /assets', async () => {
    const js = await w.request('/assets/booth.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const body = await js.text();
    expect(body.length).toBeGreaterThan(10_000);
    expect(body).not.toMatch(/import\s*\(?\s*["']https?:/);
    expect((await w.request('/assets/style.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await w.request('/assets/../package.json')).status).toBe(404);
    expect((await w.request('/assets/other.js')).status).toBe(404);
  });

  describe('sign-in rate limit', () => {
    it('rate-limits a burst of wrong passwords (429 with Retry-After), even for the right password, per username and per address', async () => {
      const w = await webBoard({ signInLimits: { burst: 5, refillMs: 60_000 } });
      const victim = 'bob';
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await signIn(w, victim, `guess number ${i}`)).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const page = await w.request('/admin/login');
      const res = await w.request('/admin/login', {
        method: 'POST',
        headers: { cookie: cookieString(cookieHeader(page)), 'content-type': FORM },
        body: form({ _csrf: hiddenField(await page.text(), '_csrf'), username: victim, password: 'whatever it is' }).body,
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.text()).toContain('Too many sign-in attempts');
      // A minute later (the test's clock), one more attempt is allowed.
      w.now += 61_000;
      expect((await signIn(w, victim, 'still wrong')).status).toBe(401);
      expect((await signIn(w, victim, 'and again')).status).toBe(429);
      // The address has twice the burst: another account from it is still allowed, until the address runs out too.
      expect((await signIn(w)).status).toBe(303);
      const more: number[] = [];
      for (let i = 0; i < 5; i++) more.push((await signIn(w, `carol${i}`, 'wrong password')).status);
      // 10 per address, plus one refilled in the minute: bob's 6 checked attempts and alice's leave 4.
      expect(more).toEqual([401, 401, 401, 401, 429]);
      expect((await signIn(w)).status).toBe(429);
      await w.close();
    });
  });
});
