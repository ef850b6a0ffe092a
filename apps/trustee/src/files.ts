import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic as writeAtomicAndDurable } from '@ostraka/cli-kit';
import { DecodeError, VerificationError } from '@ostraka/crypto';
import { InvalidFileError, parseWith } from '@ostraka/protocol';
import type { z } from 'zod';
import { CheckFailedError, InputError } from './errors.js';

/** Reads and parses a JSON file; any failure names the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, '', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? e})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(path, '', `not valid JSON (${(e as Error).message})`);
  }
}

/** Reads a JSON file and validates it with a zod schema; a failing field is named with the file. */
export function readFileAs<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const value = readJsonFile(path);
  return inFile(path, () => parseWith(schema, value));
}

/**
 * Runs a step that interprets a file's contents, so that every error names the file: a
 * malformed or misplaced field becomes an InputError (exit 2), a failed signature or proof a
 * CheckFailedError (exit 1).
 */
export function inFile<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof InvalidFileError) throw new InputError(path, e.field, e.reason);
    if (e instanceof DecodeError) throw new InputError(path, e.field, e.message.slice(e.field.length + 2));
    if (e instanceof VerificationError) throw new CheckFailedError(`${path}: ${e.message}`);
    throw e;
  }
}

/** Refuses to replace an existing file unless asked: a trustee's posted files are never silently rewritten. */
export function ensureWritable(path: string, overwrite: boolean): void {
  if (!overwrite && existsSync(path)) throw new InputError(path, '', 'already exists (nothing was written; use --force to replace it)');
}

/**
 * Writes a file atomically and durably (`@ostraka/cli-kit`): a crash or a pulled USB stick leaves
 * either the old file or the complete new one, never half a file. An existing file is replaced
 * only with `overwrite`.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number; overwrite?: boolean } = {}): void {
  ensureWritable(path, options.overwrite ?? false);
  writeAtomicAndDurable(path, data, options.mode ?? 0o644);
}

/** Pretty JSON with a final newline: files are read by people too. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
