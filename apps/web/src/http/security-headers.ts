import type { MiddlewareHandler } from 'hono';

/**
 * Headers of every page and asset of the admin and the booth. The Content-Security-Policy allows
 * scripts, styles, images and requests from this origin only, and no inline script or style:
 * an injected `<script>` or `onclick=` does not run, and nothing is loaded from anywhere else.
 * Pages are not framed (clickjacking) and not cached; they send a referrer to this origin only
 * (`same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null` with form
 * posts, and the admin's CSRF check requires this origin).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};
