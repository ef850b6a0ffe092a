/**
 * `ostraka admin …` (in process) and the web's options of `ostraka board serve`: accounts with
 * scrypt hashes in an admin database of mode 0600 next to the board's, the board authority key
 * generated or imported, passwords from a file only, and the serve flags taken out of the board's.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateBoardKey } from '@ostraka/board';
import { toHex } from '@ostraka/crypto';
import { checkPassword, listAccounts, loadKey, openAdminDb, webServeOptions, adminDbPathFor } from '@ostraka/web';
import { main } from '@ostraka/web/cli';
import { writeTemp } from './support/web-board.js';

describe('ostraka admin', () => {
  let dir: string;
  const out: string[] = [];
  const err: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ostraka-admin-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
    err.length = 0;
  });
  const run = (args: string[]) => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
    return main(args);
  };

  it('adds accounts to an admin database next to the board database, mode 0600, with scrypt hashes', async () => {
    const db = join(dir, 'board.sqlite');
    const pw = writeTemp(dir, 'pw', 'twelve chars or more\n');
    expect(await run(['add', 'alice', '--db', db, '--password-file', pw])).toBe(0);
    const line = JSON.parse(out[0]) as { admin_db: string; authority_key: string };
    expect(line.admin_db).toBe(join(dir, 'board.admin.sqlite'));
    expect(statSync(line.admin_db).mode & 0o777).toBe(0o600);
    const admin = openAdminDb(line.admin_db);
    expect(line.authority_key).toBe(toHex(loadKey(admin, 'board-authority')!.publicKey));
    expect(await checkPassword(admin, 'alice', 'twelve chars or more')).toBe(true);
    expect(await checkPassword(admin, 'alice', 'twelve chars or more\n')).toBe(false);
    expect((admin.prepare('SELECT password_hash FROM accounts').get() as { password_hash: string }).password_hash).toMatch(/^scrypt\$15\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    admin.close();

    expect(await run(['add', 'alice', '--db', db, '--password-file', pw])).toBe(1);
    expect(err.join('\n')).toContain('already exists');
    expect(await run(['add', 'bob', '--db', db, '--password-file', writeTemp(dir, 'short', 'short')])).toBe(1);
    expect(err.join('\n')).toContain('at least 12 characters');
    expect(await run(['add', 'bad name', '--db', db, '--password-file', pw])).toBe(1);
    expect(await run(['add', 'carol', '--db', db, '--password-file', join(dir, 'missing')])).toBe(2);
    expect(await run(['list', '--db', db])).toBe(0);
    expect(out[out.length - 1]).toMatch(/^alice\t\d{4}-/);
  });

  it('removes an account with its sessions, and refuses usage errors with code 2', async () => {
    const adminDb = join(dir, 'other.admin.sqlite');
    expect(await run(['add', 'dave', '--admin-db', adminDb, '--password-file', writeTemp(dir, 'pw2', 'another long password')])).toBe(0);
    expect(await run(['remove', 'dave', '--admin-db', adminDb])).toBe(0);
    expect(await run(['remove', 'dave', '--admin-db', adminDb])).toBe(1);
    const db = openAdminDb(adminDb);
    expect(listAccounts(db)).toEqual([]);
    db.close();
    expect(await run([])).toBe(2);
    expect(await run(['frobnicate'])).toBe(2);
    expect(await run(['add'])).toBe(2);
    expect(await run(['add', 'x', '--password', 'on the command line'])).toBe(2);
  });

  it('imports the board authority key from a key file, and refuses a database others can read', async () => {
    const adminDb = join(dir, 'keys.admin.sqlite');
    expect(await run(['init', '--admin-db', adminDb])).toBe(0);
    const generated = (JSON.parse(out[0]) as { authority_key: string }).authority_key;
    const { key } = loadOrCreateBoardKey(join(dir, 'authority.key'));
    expect(await run(['authority-key', '--admin-db', adminDb, '--import', join(dir, 'authority.key')])).toBe(0);
    const imported = (JSON.parse(out[1]) as { authority_key: string }).authority_key;
    expect(imported).toBe(toHex(key.publicKey));
    expect(imported).not.toBe(generated);
    // Nothing secret is printed.
    expect(out.join('\n')).not.toContain(toHex(key.secretKey));
    chmodSync(adminDb, 0o644);
    expect(await run(['list', '--admin-db', adminDb])).toBe(1);
    expect(err.join('\n')).toContain('readable by others');
  });
});

describe('the web options of ostraka board serve', () => {
  it('takes --admin-db and --admin-secure-cookies out of the board’s arguments, deriving the admin database from --db', () => {
    expect(webServeOptions(['serve', '--db', '/x/b.sqlite', '--port', '0'], {})).toEqual({
      boardArgs: ['serve', '--db', '/x/b.sqlite', '--port', '0'],
      web: { adminDb: '/x/b.admin.sqlite', secureCookies: false },
    });
    expect(webServeOptions(['serve', '--db=/x/b.db', '--admin-db', '/y/a.sqlite', '--admin-secure-cookies'], {})).toEqual({
      boardArgs: ['serve', '--db=/x/b.db'],
      web: { adminDb: '/y/a.sqlite', secureCookies: true },
    });
    expect(webServeOptions(['serve'], { OSTRAKA_BOARD_DB: '/z/board', OSTRAKA_ADMIN_SECURE_COOKIES: '1' }).web).toEqual({ adminDb: '/z/board.admin.sqlite', secureCookies: true });
    expect(webServeOptions(['serve'], { OSTRAKA_ADMIN_DB: '/a.sqlite' }).web.adminDb).toBe('/a.sqlite');
    expect(webServeOptions(['serve', '--admin-max-upload-bytes', '5000', '--port', '0'], {})).toEqual({
      boardArgs: ['serve', '--port', '0'],
      web: { adminDb: './board.admin.sqlite', secureCookies: false, maxUploadBytes: 5000 },
    });
    expect(webServeOptions(['serve'], { OSTRAKA_ADMIN_MAX_UPLOAD_BYTES: '7' }).web.maxUploadBytes).toBe(7);
    for (const bad of ['0', '-1', '1e9', 'lots', ''])
      expect(() => webServeOptions(['serve', `--admin-max-upload-bytes=${bad}`], {})).toThrow(/admin-max-upload-bytes/);
    expect(adminDbPathFor('./board.sqlite')).toBe('./board.admin.sqlite');
    expect(adminDbPathFor('data/board.db')).toBe('data/board.admin.db');
  });
});
