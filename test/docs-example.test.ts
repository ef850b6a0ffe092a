/**
 * docs/examples: the worked example of docs/transcript.md. Its transcript must verify with the
 * independent verifier, and its README (every entry, the worked leaf hash, root and tally) must be
 * exactly what the describer computes from the committed files, so that the page cannot drift
 * from the transcript it explains.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTranscriptDirectory, verifyTranscript, VerifierPool } from 'ostraka-verify';
import { describeExample } from '../scripts/dist/example/describe.js';

const examples = fileURLToPath(new URL('../docs/examples/', import.meta.url));

describe('docs/examples', () => {
  it('holds a transcript that ostraka-verify accepts', async () => {
    const pool = new VerifierPool(1);
    try {
      const report = await verifyTranscript(readTranscriptDirectory(`${examples}transcript`), { pool });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('explains that transcript: its README is what the describer computes from the files', () => {
    expect(readFileSync(`${examples}README.md`, 'utf8')).toBe(describeExample(`${examples}transcript`));
  });

  it('is referenced by docs/transcript.md', () => {
    expect(readFileSync(fileURLToPath(new URL('../docs/transcript.md', import.meta.url)), 'utf8')).toContain('docs/examples/');
  });
});
