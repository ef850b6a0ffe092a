import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';

/**
 * The booth's and the admin's static files: the browser bundles and the style sheet that the
 * build writes to `dist/assets/` (`npm ci` / `npm run build`, docs/web.md §Build). They are read
 * once at start; a missing bundle is reported at start and answered with 503, never with a page
 * that silently lacks its script.
 */
export const ASSET_NAMES = ['booth.js', 'receipt.js', 'admin.js', 'style.css'] as const;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export interface AssetStore {
  readonly files: ReadonlyMap<string, { body: Uint8Array; etag: string; type: string; sha256: string }>;
  readonly missing: readonly string[];
}

export const ASSET_DIR = new URL('../assets/', import.meta.url);

export function loadAssets(dir: URL = ASSET_DIR): AssetStore {
  const files = new Map<string, { body: Uint8Array; etag: string; type: string; sha256: string }>();
  const missing: string[] = [];
  for (const name of ASSET_NAMES) {
    const url = new URL(name, dir);
    if (!existsSync(url)) {
      missing.push(name);
      continue;
    }
    const body = new Uint8Array(readFileSync(url));
    const digest = createHash('sha256').update(body).digest();
    files.set(name, { body, etag: `"${digest.toString('base64url').slice(0, 22)}"`, type: TYPES[name.split('.').pop() as string], sha256: digest.toString('hex') });
  }
  return { files, missing };
}

export function assetRoutes(store: AssetStore): Hono {
  const r = new Hono();
  r.get('/:name', (c) => {
    const name = c.req.param('name');
    const file = store.files.get(name);
    if (!file) {
      if ((ASSET_NAMES as readonly string[]).includes(name)) return c.text(`${name} was not built: run npm run build`, 503);
      return c.text('not found', 404);
    }
    c.header('ETag', file.etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.type });
  });
  return r;
}
