import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { checkPassword } from '../admin-store/accounts.js';
import { createSession, endSession, purgeExpiredSessions } from '../admin-store/sessions.js';
import { clientAddress } from '../http/client-address.js';
import { text, type FormFields } from '../http/form-fields.js';
import { html } from '../http/html.js';
import { notice, page } from '../http/layout.js';
import type { WebServices } from '../services.js';
import { foreignOrigin, LOGIN_PATH, sameSecret, SESSION_COOKIE, type AdminEnv } from './session-guard.js';

/** The sign-in form's CSRF token: a random value in a cookie of the sign-in path, repeated in the form. */
const LOGIN_COOKIE = 'ostraka_login';

function loginPage(token: string, message: { kind: 'error' | 'info'; text: string } | null, username = '') {
  return page({
    title: 'Sign in',
    body: html`<h1>Sign in to the election admin</h1>
${message ? notice(message.kind, [message.text]) : ''}
<form method="post" action="${LOGIN_PATH}" class="login">
<input type="hidden" name="_csrf" value="${token}">
<p><label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${username}"></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"></p>
<p><button type="submit">Sign in</button></p>
</form>
<p class="hint">Accounts are created on the server with <code>npx ostraka admin add USERNAME</code>.</p>`,
  }).value;
}

export function loginRoutes(s: WebServices): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  const secure = (url: string) => s.secureCookies || new URL(url).protocol === 'https:';
  const freshToken = (c: Context) => {
    const token = randomBytes(32).toString('hex');
    setCookie(c, LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: LOGIN_PATH, secure: secure(c.req.url) });
    return token;
  };

  r.get('/login', (c) => c.html(loginPage(freshToken(c), null)));

  r.post('/login', async (c) => {
    const form = (await c.req.parseBody()) as FormFields;
    const cookie = getCookie(c, LOGIN_COOKIE) ?? '';
    if (foreignOrigin(c) || cookie === '' || !sameSecret(text(form, '_csrf'), cookie))
      return c.html(loginPage(freshToken(c), { kind: 'error', text: 'The sign-in form expired or was not sent from this site. Try again.' }), 403);
    const username = text(form, 'username').slice(0, 64);
    const password = text(form, 'password').slice(0, 1024);
    const wait = s.limiter.attempt(clientAddress(c), username);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(loginPage(freshToken(c), { kind: 'error', text: `Too many sign-in attempts. Wait ${wait} seconds before trying again.` }, username), 429);
    }
    if (!(await checkPassword(s.db, username, password)))
      return c.html(loginPage(freshToken(c), { kind: 'error', text: 'Wrong username or password.' }, username), 401);
    s.limiter.succeeded(username);
    purgeExpiredSessions(s.db, s.clock);
    const { token } = createSession(s.db, username, s.clock);
    deleteCookie(c, LOGIN_COOKIE, { path: LOGIN_PATH });
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/admin', secure: secure(c.req.url) });
    return c.redirect('/admin', 303);
  });

  r.post('/logout', (c) => {
    endSession(s.db, c.get('token'));
    deleteCookie(c, SESSION_COOKIE, { path: '/admin' });
    return c.redirect(LOGIN_PATH, 303);
  });
  return r;
}
