/**
 * The verifier shares no code with the system it checks (docs: written from the documents only):
 * its sources import nothing but their own files, Node's built-ins, @noble/curves, @noble/hashes
 * and piscina, and its package depends on exactly those three.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/g;

describe('independence of ostraka-verify', () => {
  it('imports only its own files, node built-ins, @noble/curves, @noble/hashes and piscina', () => {
    const files = sources(src);
    expect(files.length).toBeGreaterThan(20);
    const offending: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const ok =
          spec.startsWith('node:') ||
          /^@noble\/(curves|hashes)(\/|$)/.test(spec) ||
          spec === 'piscina' ||
          (spec.startsWith('.') && resolve(dirname(file), spec).startsWith(src + '/'));
        if (!ok) offending.push(`${file.slice(root.length + 1)}: ${spec}`);
      }
      expect(text).not.toMatch(/@ostraka\//);
      expect(text).not.toMatch(/require\(/);
    }
    expect(offending).toEqual([]);
  });

  it('depends on exactly @noble/curves, @noble/hashes and piscina', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@noble/curves', '@noble/hashes', 'piscina']);
    expect(pkg.devDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ 'ostraka-verify': 'bin/ostraka-verify.js' });
  });
});
