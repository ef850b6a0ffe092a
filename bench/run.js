#!/usr/bin/env node
// The one entry point for benchmarks: `npm run bench -- <name> [flags] --json`.
// Each benchmark lives in bench/src/<name>.ts (compiled to bench/dist/<name>.js), prints progress
// on stderr and, with --json, exactly one JSON object on stdout.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const available = existsSync(dist)
  ? readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort()
  : [];
const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.error(`usage: npm run bench -- <name> [flags] [--json]\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 0 : 2);
}
if (!available.includes(name)) {
  console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
  process.exit(2);
}
const mod = await import(pathToFileURL(join(dist, `${name}.js`)).href);
await mod.main(args);
