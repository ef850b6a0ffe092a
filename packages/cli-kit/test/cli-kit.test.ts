import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ProgressBar, readSecretFile, TEMPORARY_FILE, writeFileAtomic } from '@ostraka/cli-kit';

const dir = mkdtempSync(join(tmpdir(), 'ostraka-cli-kit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for stderr that records what is written. */
function stream(tty: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY: tty, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('writeFileAtomic', () => {
  it('replaces a file whole, with the mode asked (0600 unless told), and leaves no temporary file', () => {
    const path = join(dir, 'state.json');
    writeFileAtomic(path, 'first');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileAtomic(path, new Uint8Array([104, 105]), 0o644);
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(dir).filter((f) => TEMPORARY_FILE.test(f))).toEqual([]);
  });

  it('removes its temporary file when the rename fails, and throws', () => {
    const target = join(dir, 'a-directory');
    mkdirSync(target);
    expect(() => writeFileAtomic(target, 'x')).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names temporary files so that a crash’s leftovers are recognised, and nothing else', () => {
    expect(TEMPORARY_FILE.test('.state.json.0123456789ab.tmp')).toBe(true);
    for (const name of ['state.json', '.state.json.tmp', '.state.json.0123456789AB.tmp', 'state.json.0123456789ab.tmp']) expect(TEMPORARY_FILE.test(name)).toBe(false);
  });
});

describe('readSecretFile', () => {
  it('returns the text without the one final line break, and warns when others may read the file', () => {
    const path = join(dir, 'secret');
    writeFileSync(path, 'pass phrase \n\n', { mode: 0o600 });
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(readSecretFile(path)).toBe('pass phrase \n');
      expect(warn).not.toHaveBeenCalled();
      writeFileSync(path, 'crlf\r\n');
      chmodSync(path, 0o644);
      expect(readSecretFile(path)).toBe('crlf');
      expect(String(warn.mock.calls[0]?.[0])).toContain('readable by other users');
    } finally {
      warn.mockRestore();
    }
    expect(() => readSecretFile(join(dir, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('ProgressBar', () => {
  it('prints a line per tenth in a log, counting updates and advances', () => {
    const log = stream(false);
    const bar = new ProgressBar('decrypting', 20, log);
    for (let i = 0; i < 10; i++) bar.advance(1);
    for (let i = 11; i <= 20; i++) bar.update(i);
    bar.finish();
    bar.finish();
    expect(log.text.trim().split('\n')).toEqual(Array.from({ length: 11 }, (_, t) => `decrypting: ${t * 2}/20 (${t * 10}%)`));
  });

  it('redraws one bar in place on a terminal, clamps out-of-range counts, and ends the line when finished', () => {
    const tty = stream(true);
    const bar = new ProgressBar('posting', 4, tty);
    bar.update(-3);
    bar.update(9);
    bar.finish();
    expect(tty.text.startsWith('\r\x1b[2Kposting [' + ' '.repeat(30) + '] 0/4')).toBe(true);
    expect(tty.text).not.toMatch(/9\/4|-3\/4/);
    expect(tty.text.endsWith(`posting [${'#'.repeat(30)}] 4/4\n`)).toBe(true);
    expect(tty.text.split('\n')).toHaveLength(2);
  });
});
