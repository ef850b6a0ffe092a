import type { TallyOutcome } from '@ostraka/election';

/**
 * The tallies the admin has started, one per election, run in the background: checking every
 * partial decryption and combining them takes minutes for a large election, longer than a browser
 * or a proxy waits for one request. The election page shows the job's step and count live
 * (`status.json`), then its outcome. Held in memory: after a restart the election is still
 * `decrypting` and the admin starts the tally again.
 */
export type TallyJob =
  | { readonly state: 'running'; readonly step: string; readonly done: number; readonly total: number }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'done'; readonly outcome: TallyOutcome };

export type TallyProgress = (p: { step: string; done: number; total: number }) => void;

export class TallyJobs {
  private readonly jobs = new Map<string, TallyJob>();

  get(election: string): TallyJob | undefined {
    return this.jobs.get(election);
  }

  isRunning(election: string): boolean {
    return this.jobs.get(election)?.state === 'running';
  }

  /**
   * Starts `run` for the election (the caller checks that none is running). `describe` turns an
   * error into the message the page shows; an error it does not know is shown with its own text.
   */
  start(election: string, run: (onProgress: TallyProgress) => Promise<TallyOutcome>, describe: (e: unknown) => string | null): void {
    this.jobs.set(election, { state: 'running', step: 'starting', done: 0, total: 0 });
    const onProgress: TallyProgress = (p) => this.jobs.set(election, { state: 'running', ...p });
    run(onProgress).then(
      (outcome) => this.jobs.set(election, { state: 'done', outcome }),
      (e: unknown) => {
        const known = describe(e);
        if (known === null) process.stderr.write(`ostraka web: the tally of election "${election}" failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        this.jobs.set(election, { state: 'failed', message: known ?? `an unexpected error (${e instanceof Error ? e.message : String(e)}); the server's log has the details` });
      },
    );
  }
}

/** What the page says of a job. */
export function describeTallyJob(job: TallyJob): string {
  switch (job.state) {
    case 'running': {
      if (job.total === 0) return 'running: reading the partial decryptions';
      const percent = ((100 * job.done) / job.total).toFixed(1);
      return `running: ${job.step}, ${job.done} of ${job.total} ciphertexts (${percent} %)`;
    }
    case 'failed':
      return `failed: ${job.message}`;
    case 'done': {
      const o = job.outcome;
      const rejected = o.rejected.map((x) => `; trustee ${x.trustee}'s partial decryption was rejected: ${x.reason}`).join('');
      return `published: ${o.tally.valid} valid and ${o.tally.invalid} invalid ballots, decrypted with trustees ${o.decryptions.join(', ')}${rejected}`;
    }
  }
}
