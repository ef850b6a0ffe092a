import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findSession, type Session } from '../admin-store/sessions.js';
import type { FormFields } from '../http/form-fields.js';
import { text } from '../http/form-fields.js';
import { html } from '../http/html.js';
import { notice, page } from '../http/layout.js';
import type { WebServices } from '../services.js';

export const SESSION_COOKIE = 'ostraka_admin';
export const LOGIN_PATH = '/admin/login';

export type AdminEnv = { Variables: { session: Session; token: string; form: FormFields } };

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A cross-site request names another origin in `Origin` (browsers send it on every POST); the
 * host must be this one. Only the host is compared: behind a TLS proxy the board sees http.
 */
export function foreignOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== c.req.header('host');
  } catch {
    return true;
  }
}

export function refusal(c: Context, status: 401 | 403, title: string, message: string) {
  return c.html(page({ title, body: html`<h1>${title}</h1>${notice('error', [message])}<p><a href="${LOGIN_PATH}">Sign in</a> · <a href="/admin">Admin home</a></p>` }).value, status);
}

/**
 * Every admin route but the sign-in page requires a live session: an anonymous GET is sent to
 * the sign-in page (303), any other anonymous request is refused (401). Every POST must come
 * from this origin and carry the session's CSRF token (`_csrf`), or it is refused (403) before
 * its handler runs.
 */
export function sessionGuard(s: WebServices): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (c.req.path === LOGIN_PATH) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? findSession(s.db, token, s.clock) : null;
    if (!session || !token) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(LOGIN_PATH, 303);
      return refusal(c, 401, 'Sign-in required', 'This request needs an administrator session. Sign in and try again.');
    }
    c.set('session', session);
    c.set('token', token);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (foreignOrigin(c)) return refusal(c, 403, 'Request refused', 'This request came from another site.');
      const form = (await c.req.parseBody({ all: true })) as FormFields;
      if (!sameSecret(text(form, '_csrf'), session.csrf))
        return refusal(c, 403, 'Request refused', 'The form’s security token is missing or wrong (CSRF check). Reload the page and submit the form again.');
      c.set('form', form);
    }
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
