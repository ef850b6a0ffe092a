import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Builds the browser assets into dist/assets (docs/web.md §Build): the booth, the receipt check
 * and the admin script, each one ES module bundling the project's own crypto core and client from
 * their compiled dist (what the tests run), and the style sheet. Run after `tsc -b` by the root
 * `prepare`, `build` and `test` scripts, so that `npm ci`, the tests and CI serve the same bundle.
 * Files are written to a temporary directory and renamed into place (a running board reading
 * them never sees half a file).
 */
const dist = new URL('../', import.meta.url);
const ENTRIES = ['booth', 'receipt', 'admin'];

export async function bundleAssets(): Promise<string[]> {
  const out = fileURLToPath(new URL('assets/', dist));
  const tmp = fileURLToPath(new URL(`assets.tmp-${process.pid}/`, dist));
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, minify: true, legalComments: 'eof', logLevel: 'warning', target: 'es2022' } as const;
  await build({
    ...common,
    entryPoints: ENTRIES.map((e) => fileURLToPath(new URL(`browser/${e}.js`, dist))),
    outdir: tmp,
    format: 'esm',
    platform: 'browser',
    // A browser bundle must never pull in a Node module: fail the build instead.
    external: [],
  });
  await build({ ...common, entryPoints: [fileURLToPath(new URL('../src/assets/style.css', dist))], outdir: tmp });
  const written = [...ENTRIES.map((e) => `${e}.js`), 'style.css'];
  for (const name of written) renameSync(tmp + name, out + name);
  rmSync(tmp, { recursive: true, force: true });
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const written = await bundleAssets();
  process.stderr.write(`web assets: ${written.join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
}
