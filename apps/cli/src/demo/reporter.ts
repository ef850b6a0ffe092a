import { ProgressBar } from '../terminal/progress.js';

export interface PhaseTime {
  readonly phase: string;
  readonly seconds: number;
}

export interface Bar {
  update(done: number, total: number, note?: string): void;
  done(note?: string): void;
}

/**
 * What the demo shows while it runs, on stderr: a line when a phase starts, a progress bar for
 * the long steps, and a line with the time of every phase when it ends. `quiet` shows nothing
 * (tests), the times are recorded either way.
 */
export class Reporter {
  readonly phases: PhaseTime[] = [];
  private current: { phase: string; started: number } | null = null;

  constructor(private readonly quiet = false) {}

  begin(phase: string, what: string): void {
    this.current = { phase, started: performance.now() };
    this.say(`▸ ${phase}: ${what}`);
  }

  end(summary = ''): void {
    if (!this.current) return;
    const seconds = (performance.now() - this.current.started) / 1000;
    this.phases.push({ phase: this.current.phase, seconds });
    this.say(`✓ ${this.current.phase} in ${seconds.toFixed(1)} s${summary ? `: ${summary}` : ''}`);
    this.current = null;
  }

  say(line: string): void {
    if (!this.quiet) process.stderr.write(`${line}\n`);
  }

  bar(label: string): Bar {
    if (this.quiet) return { update() {}, done() {} };
    return new ProgressBar(label);
  }
}
