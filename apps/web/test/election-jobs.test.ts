/**
 * The web admin's background steps (admin/election-jobs.ts): the step and count while one runs,
 * the outcome or the reason after, and an unexpected error shown with its text, never thrown away.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TallyOutcome } from '@ostraka/election';
import type { CiphertextListFile } from '@ostraka/protocol';
import { describeDecryptionStart, describeTallyJob, ElectionJobs } from '@ostraka/web';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

const outcome = { tally: { valid: 7, invalid: 1 }, decryptions: [1, 3], rejected: [{ trustee: 2, reason: 'a proof does not verify' }] } as unknown as TallyOutcome;
const text = (jobs: ElectionJobs<TallyOutcome>, id: string) => describeTallyJob(jobs.get(id)!);

describe('background steps of the admin', () => {
  it('shows the step and count while running, then the outcome with every rejected trustee', async () => {
    const jobs = new ElectionJobs<TallyOutcome>('tally');
    const run = deferred<TallyOutcome>();
    let progress!: (p: { step: string; done: number; total: number }) => void;
    jobs.start('e1', (onProgress) => ((progress = onProgress), run.promise), () => null);
    expect(jobs.isRunning('e1')).toBe(true);
    expect(text(jobs, 'e1')).toBe('running: reading the partial decryptions');
    progress({ step: 'verify trustee 3', done: 250, total: 1000 });
    expect(text(jobs, 'e1')).toBe('running: verify trustee 3, 250 of 1000 ciphertexts (25.0 %)');
    expect(jobs.get('e2')).toBeUndefined();
    run.resolve(outcome);
    await vi.waitFor(() => expect(jobs.isRunning('e1')).toBe(false));
    expect(text(jobs, 'e1')).toBe("published: 7 valid and 1 invalid ballots, decrypted with trustees 1, 3; trustee 2's partial decryption was rejected: a proof does not verify");
  });

  it('says why it failed: a known error in its message, any other with its text', async () => {
    const jobs = new ElectionJobs<TallyOutcome>('tally');
    const known = deferred<TallyOutcome>();
    jobs.start('known', () => known.promise, (e) => (e instanceof RangeError ? `the result cannot be computed yet: ${e.message}` : null));
    known.reject(new RangeError('2 of 3 needed'));
    await vi.waitFor(() => expect(jobs.isRunning('known')).toBe(false));
    expect(text(jobs, 'known')).toBe('failed: the result cannot be computed yet: 2 of 3 needed');

    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const other = deferred<TallyOutcome>();
      jobs.start('other', () => other.promise, () => null);
      other.reject(new Error('fetch failed'));
      await vi.waitFor(() => expect(jobs.isRunning('other')).toBe(false));
      expect(text(jobs, 'other')).toBe("failed: an unexpected error (fetch failed); the server's log has the details");
      expect(String(stderr.mock.calls[0][0])).toContain('the tally of election "other" failed');
    } finally {
      stderr.mockRestore();
    }
  });

  it('says what the check of the mix rounds does, and the list it publishes', async () => {
    const jobs = new ElectionJobs<CiphertextListFile>('check of the mix rounds');
    const run = deferred<CiphertextListFile>();
    let progress!: (p: { step: string; done: number; total: number }) => void;
    jobs.start('e1', (onProgress) => ((progress = onProgress), run.promise), () => null);
    expect(describeDecryptionStart(jobs.get('e1')!)).toBe('running: reading the mix rounds');
    progress({ step: 'check round 2', done: 40, total: 100 });
    expect(describeDecryptionStart(jobs.get('e1')!)).toBe('running: check round 2, 40 of 100 ciphertexts (40.0 %)');
    run.resolve({ hash: 'ab12', count: 100 } as CiphertextListFile);
    await vi.waitFor(() => expect(jobs.isRunning('e1')).toBe(false));
    expect(describeDecryptionStart(jobs.get('e1')!)).toBe("every mix round's proof verifies; the trustees decrypt the list ab12 (100 ciphertexts)");
  });
});
