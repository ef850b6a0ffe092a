import type { TallyOutcome } from '@ostraka/election';
import type { CiphertextListFile } from '@ostraka/protocol';

/**
 * The long steps the admin starts, one of a kind per election, run in the background: checking
 * every mix round before decryption, and the tally, take minutes for a large election, longer
 * than a browser or a proxy waits for one request. The election page shows the job's step and
 * count live (`status.json`), then its outcome. Held in memory: after a restart the election is
 * where the log says, and the admin clicks again.
 */
export type ElectionJob<T> =
  | { readonly state: 'running'; readonly step: string; readonly done: number; readonly total: number }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'done'; readonly outcome: T };

/** An election's background steps, as its live status shows them. */
export interface ElectionJobsView {
  readonly decryptionStart?: ElectionJob<CiphertextListFile>;
  readonly tally?: ElectionJob<TallyOutcome>;
}

export type JobProgress = (p: { step: string; done: number; total: number }) => void;

export class ElectionJobs<T> {
  private readonly jobs = new Map<string, ElectionJob<T>>();

  constructor(private readonly what: string) {}

  get(election: string): ElectionJob<T> | undefined {
    return this.jobs.get(election);
  }

  isRunning(election: string): boolean {
    return this.jobs.get(election)?.state === 'running';
  }

  /**
   * Starts `run` for the election (the caller checks that none is running). `describe` turns an
   * error into the message the page shows; an error it does not know is shown with its own text.
   */
  start(election: string, run: (onProgress: JobProgress) => Promise<T>, describe: (e: unknown) => string | null): void {
    this.jobs.set(election, { state: 'running', step: 'starting', done: 0, total: 0 });
    const onProgress: JobProgress = (p) => this.jobs.set(election, { state: 'running', ...p });
    run(onProgress).then(
      (outcome) => this.jobs.set(election, { state: 'done', outcome }),
      (e: unknown) => {
        const known = describe(e);
        if (known === null) process.stderr.write(`ostraka web: the ${this.what} of election "${election}" failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        this.jobs.set(election, { state: 'failed', message: known ?? `an unexpected error (${e instanceof Error ? e.message : String(e)}); the server's log has the details` });
      },
    );
  }
}

/** What the page says of a job; `starting` before its first progress. */
export function describeJob<T>(job: ElectionJob<T>, starting: string, done: (outcome: T) => string): string {
  switch (job.state) {
    case 'running': {
      if (job.total === 0) return `running: ${starting}`;
      const percent = ((100 * job.done) / job.total).toFixed(1);
      return `running: ${job.step}, ${job.done} of ${job.total} ciphertexts (${percent} %)`;
    }
    case 'failed':
      return `failed: ${job.message}`;
    case 'done':
      return done(job.outcome);
  }
}

export const describeTallyJob = (job: ElectionJob<TallyOutcome>): string =>
  describeJob(job, 'reading the partial decryptions', (o) => {
    const rejected = o.rejected.map((x) => `; trustee ${x.trustee}'s partial decryption was rejected: ${x.reason}`).join('');
    return `published: ${o.tally.valid} valid and ${o.tally.invalid} invalid ballots, decrypted with trustees ${o.decryptions.join(', ')}${rejected}`;
  });

export const describeDecryptionStart = (job: ElectionJob<CiphertextListFile>): string =>
  describeJob(job, 'reading the mix rounds', (list) => `every mix round's proof verifies; the trustees decrypt the list ${list.hash} (${list.count} ciphertexts)`);
