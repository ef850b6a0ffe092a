import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Temporary files are `.<name>.<random>.tmp` beside their target; a crash's leftovers can be recognised and removed. */
export const TEMPORARY_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes a file atomically and durably: to a temporary file in the same directory, flushed to the
 * device, renamed over the target, then the directory flushed. A crash or a pulled USB stick at any
 * instant leaves the old file (or none) or the complete new one, never part of one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  const dir = dirname(resolve(path));
  const temporary = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', mode);
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never created.
    }
    throw e;
  }
  syncDirectory(dir);
}

/** Flushes a directory's entries (renames, creations); file systems that refuse it (FAT on USB sticks) still have the file flushed. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EINVAL/EPERM where directories cannot be flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
