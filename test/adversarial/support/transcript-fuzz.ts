/**
 * The transcript reader and verifier fuzzed (`ostraka-verify`, docs/transcript.md §10.10): a
 * complete, valid transcript of an election is damaged at random (a line deleted, duplicated,
 * swapped or cut; an entry or head changed anywhere in its JSON; a byte flipped; a file removed,
 * emptied or added) and verified. Every damaged transcript is reported invalid, with a report and
 * never an exception; the process exits 1 with a JSON report (2 only when the location itself
 * cannot be read), never with a crash.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscriptDirectory, UnreadableLocation, verifyTranscript, VerifierPool } from 'ostraka-verify';
import { tallyElection } from '@ostraka/election';
import { mixInProcess } from '@ostraka/election/testing';
import { canonicalJson, type Json } from '@ostraka/protocol';
import { damaged } from './json-mutation.js';
import { servedBoard, votedElection, type ServedBoard } from './served-election.js';
import { exportTranscriptDir, runVerifier } from './verifier.js';

type Files = Record<string, string>;

function readAll(dir: string): Files {
  const out: Files = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${name.name}` : name.name;
      if (name.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

function writeAll(files: Files): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ostraka-damaged-')), 'transcript');
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

interface Damage {
  readonly what: string;
  readonly files: Files;
}

/** Counterexamples print as the description of the damage, not as whole transcripts. */
const described = (d: Damage): Damage => Object.assign(d, { [fc.toStringMethod]: () => d.what });

/**
 * Damage a verifier cannot see, after which the transcript may stay valid: a signed head removed
 * other than the transcript's own (heads are signed per committed batch, so their sizes have gaps
 * anyway), and whitespace changed in the indented transcript.json. Every other damage must make
 * the transcript invalid.
 */
const mayStayValid = (what: string, files: Files, original: Files): boolean => {
  // transcript.json is written indented: only its JSON value is specified, not its whitespace.
  if (what.startsWith('transcript.json') && files['transcript.json'] !== undefined) {
    try {
      if (canonicalJson(JSON.parse(files['transcript.json'])) === canonicalJson(JSON.parse(original['transcript.json']))) return true;
    } catch {
      return false;
    }
  }
  if (!what.startsWith('log/heads.jsonl: line') || !what.endsWith('deleted')) return false;
  const last = original['log/heads.jsonl'].trimEnd().split('\n').pop() as string;
  return files['log/heads.jsonl'].includes(last);
};

/** One damage to a transcript's files. */
function damage(files: Files): fc.Arbitrary<Damage> {
  const names = Object.keys(files);
  const jsonl = names.filter((n) => n.endsWith('.jsonl'));
  const lines = (n: string) => files[n].split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  const join_ = (ls: string[]) => ls.join('\n') + '\n';
  const withFile = (n: string, text: string | null) => {
    const copy = { ...files };
    if (text === null) delete copy[n];
    else copy[n] = text;
    return copy;
  };
  return fc.oneof(
    fc.tuple(fc.constantFrom(...jsonl), fc.nat()).map(([n, k]) => {
      const ls = lines(n);
      const i = k % ls.length;
      return { what: `${n}: line ${i} deleted`, files: withFile(n, join_(ls.filter((_, j) => j !== i))) };
    }),
    fc.tuple(fc.constantFrom(...jsonl), fc.nat()).map(([n, k]) => {
      const ls = lines(n);
      const i = k % ls.length;
      return { what: `${n}: line ${i} duplicated`, files: withFile(n, join_([...ls.slice(0, i + 1), ls[i], ...ls.slice(i + 1)])) };
    }),
    fc.tuple(fc.constantFrom(...jsonl), fc.nat(), fc.nat()).filter(([n, a, b]) => lines(n).length > 1 && a % lines(n).length !== b % lines(n).length).map(([n, a, b]) => {
      const ls = lines(n);
      const [i, j] = [a % ls.length, b % ls.length];
      [ls[i], ls[j]] = [ls[j], ls[i]];
      return { what: `${n}: lines ${i} and ${j} swapped`, files: withFile(n, join_(ls)) };
    }),
    fc.tuple(fc.constantFrom(...names), fc.nat()).map(([n, k]) => ({ what: `${n}: cut at byte ${k % files[n].length}`, files: withFile(n, files[n].slice(0, k % files[n].length)) })),
    fc.tuple(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([n, k, x]) => {
      const b = Buffer.from(files[n]);
      const i = k % b.length;
      b[i] ^= x;
      return { what: `${n}: byte ${i} xor ${x}`, files: withFile(n, b.toString('latin1')) };
    }),
    fc.constantFrom(...names).map((n) => ({ what: `${n} removed`, files: withFile(n, null) })),
    fc.constantFrom(...names).map((n) => ({ what: `${n} emptied`, files: withFile(n, '') })),
    fc.constant({ what: 'an extra file', files: withFile('log/notes.txt', 'hello\n') }),
    fc.tuple(fc.constantFrom(...jsonl), fc.nat()).chain(([n, k]) => {
      const ls = lines(n);
      const i = k % ls.length;
      return damaged(JSON.parse(ls[i])).map((value) => {
        let text: string;
        try {
          text = canonicalJson(value as Json);
        } catch {
          text = JSON.stringify(value);
        }
        ls[i] = text;
        return { what: `${n}: line ${i} changed`, files: withFile(n, join_(ls)) };
      });
    }),
    damaged(JSON.parse(files['transcript.json'])).map((value) => ({ what: 'transcript.json changed', files: withFile('transcript.json', JSON.stringify(value)) })),
  ).map(described);
}

export function transcriptFuzzSuite(runs: number, processRuns: number): void {
  let board: ServedBoard;
  let original: Files;
  let boardKey: string;
  let pool: VerifierPool;
  const made: string[] = [];

  beforeAll(async () => {
    board = await servedBoard();
    const { fx } = await votedElection(board, { id: 'transcript-fuzz', voters: 3 });
    await fx.closeAndStartMixing();
    await mixInProcess(fx.client, fx.mixKeys[0], fx.manifest, fx.jointKey, await fx.authority.consensusId(), 1);
    await fx.decrypt([1, 2]);
    await tallyElection(fx.authority);
    const dir = await exportTranscriptDir(board.url, fx.id);
    made.push(dir);
    original = readAll(dir);
    boardKey = (await fx.client.info()).public_key;
    pool = new VerifierPool(1);
  });
  afterAll(async () => {
    await pool?.close();
    await board?.close();
    for (const d of made) rmSync(join(d, '..'), { recursive: true, force: true });
  });

  describe('the verifier on damaged transcripts', () => {
    it('accepts the undamaged transcript', async () => {
      const dir = writeAll(original);
      made.push(dir);
      const report = await verifyTranscript(readTranscriptDirectory(dir), { boardKey, pool });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
    });

    it('reports every damaged one invalid, without an exception', async () => {
      const unchanged = (files: Files) => Object.keys(files).length === Object.keys(original).length && Object.entries(files).every(([n, t]) => original[n] === t);
      await fc.assert(
        fc.asyncProperty(damage(original), async ({ what, files }) => {
          fc.pre(!unchanged(files) && !mayStayValid(what, files, original));
          const dir = writeAll(files);
          try {
            let raw;
            try {
              raw = readTranscriptDirectory(dir);
            } catch (e) {
              expect(e, what).toBeInstanceOf(UnreadableLocation);
              return;
            }
            const report = await verifyTranscript(raw, { boardKey, pool });
            expect([what, report.ok]).toEqual([what, false]);
            expect(report.failures.length, what).toBeGreaterThan(0);
          } finally {
            rmSync(join(dir, '..'), { recursive: true, force: true });
          }
        }),
        { numRuns: runs },
      );
    });

    it('as a process: exit 1 with a JSON report, never a crash', async () => {
      await fc.assert(
        fc.asyncProperty(damage(original), async ({ what, files }) => {
          fc.pre(!mayStayValid(what, files, original));
          const dir = writeAll(files);
          try {
            const run = await runVerifier([dir, '--board-key', boardKey, '--workers', '1']);
            expect(run.stderr, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
            expect([what, run.code]).toEqual([what, 1]);
            expect(run.report?.ok, what).toBe(false);
          } finally {
            rmSync(join(dir, '..'), { recursive: true, force: true });
          }
        }),
        { numRuns: processRuns },
      );
    });
  });
}
