import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file that marks a directory as a demo's output, and the only names the demo creates in it. */
export const MARKER = '.ostraka-demo';
export const OUTPUT_ENTRIES = [MARKER, 'board', 'authority', 'trustees', 'mix-servers', 'transfer', 'voters', 'receipts', 'logs', 'transcript', 'voter-codes.csv', 'results.json', 'results.txt'];

export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
}

/**
 * Prepares the demo's output directory: created if missing; used as is if empty; cleared if it is
 * a previous demo's output, that is, it holds the marker file and nothing but names the demo
 * creates (so a mistyped --out never deletes someone's files); refused otherwise.
 */
export function prepareOutputDir(dir: string): string {
  const path = resolve(dir);
  if (existsSync(path)) {
    if (!lstatSync(path).isDirectory()) throw new OutputDirError(`${path} exists and is not a directory`);
    const entries = readdirSync(path);
    if (entries.length > 0) {
      if (!entries.includes(MARKER) || !isDemoMarker(join(path, MARKER)))
        throw new OutputDirError(`${path} is not empty and is not a previous demo's output: choose another --out, or empty it yourself`);
      const foreign = entries.filter((e) => !OUTPUT_ENTRIES.includes(e));
      if (foreign.length > 0)
        throw new OutputDirError(`${path} is a previous demo's output but also holds ${foreign.map((f) => `"${f}"`).join(', ')}: move those away, or choose another --out`);
      // The marker goes last, so that an interrupted clearing can be resumed by the next run.
      for (const e of entries) if (e !== MARKER) rmSync(join(path, e), { recursive: true, force: true });
    }
  }
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, MARKER), JSON.stringify({ type: 'ostraka-demo-output', created: new Date().toISOString() }) + '\n');
  return path;
}

function isDemoMarker(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { type?: string }).type === 'ostraka-demo-output';
  } catch {
    return false;
  }
}
