/** Reads every file under a transcript directory (what is allowed there is checked afterwards). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeText, UnreadableLocation, type FileText, type RawTranscript } from './raw-transcript.js';

const MAX_FILES = 100_000;

export function readTranscriptDirectory(dir: string): RawTranscript {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (e) {
    throw new UnreadableLocation(`cannot read ${dir}: ${(e as Error).message}`);
  }
  if (!isDirectory) throw new UnreadableLocation(`${dir} is not a directory`);
  const files = new Map<string, FileText>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      const name = relative(dir, full).split(sep).join('/');
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      if (files.size >= MAX_FILES) throw new UnreadableLocation(`more than ${MAX_FILES} files under ${dir}`);
      if (!entry.isFile()) {
        files.set(name, { unreadable: 'not a regular file' });
        continue;
      }
      try {
        files.set(name, decodeText(readFileSync(full)));
      } catch (e) {
        files.set(name, { unreadable: (e as Error).message });
      }
    }
  };
  walk(dir);
  return { location: dir, files };
}
