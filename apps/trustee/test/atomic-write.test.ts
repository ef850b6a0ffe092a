/**
 * Atomic writes: a file is either the old one or the complete new one, even when the process is
 * killed in the middle of writing (as a pulled USB stick or a crash would stop it).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '@ostraka/trustee';

const dir = mkdtempSync(join(tmpdir(), 'ostraka-atomic-'));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the whole content with the requested mode and leaves no temporary file', () => {
    const path = join(dir, 'a.json');
    writeFileAtomic(path, '{"a":1}\n', { mode: 0o600 });
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(() => writeFileAtomic(path, 'other')).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    writeFileAtomic(path, 'replaced', { overwrite: true });
    expect(readFileSync(path, 'utf8')).toBe('replaced');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('cleans up its temporary file when the final rename fails', () => {
    const target = join(dir, 'is-a-directory');
    mkdirSync(target);
    expect(() => writeFileAtomic(target, 'x', { overwrite: true })).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a process killed at any moment leaves the old file or the new one, never a part', async () => {
    const target = join(dir, 'big.bin');
    const size = 8 * 1024 * 1024;
    writeFileSync(target, Buffer.alloc(size, 0));
    // A child that rewrites the file over and over, generation k filled with byte k; it says when it
    // starts, and the kill comes at a different instant of its loop each round (start-up under load
    // is slow and variable: a kill timed from the spawn could land before the first write).
    const script = `
      import { writeFileAtomic } from '@ostraka/trustee';
      process.stdout.write('started\\n');
      for (let k = 1; ; k++) writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(${size}, k % 256), { overwrite: true });
    `;
    const generations = new Set<number>();
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise((r) => child.stdout.once('data', r));
      await new Promise((r) => setTimeout(r, 100 + 53 * round));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const content = readFileSync(target);
      expect(content.length).toBe(size);
      expect(content.every((b) => b === content[0])).toBe(true);
      generations.add(content[0]);
    }
    // The child did get to replace the file (the test would otherwise prove nothing).
    expect([...generations].some((g) => g !== 0)).toBe(true);
  });
});
