import { ProgressBar } from '@ostraka/cli-kit';

export { ProgressBar };

/**
 * What the mix server shows on stderr: a status line that is redrawn in place on a terminal and
 * printed once per change otherwise (waiting can last hours; a log gets one line per change, not
 * one per poll), and progress bars for the long steps (`ProgressBar`: a bar on a terminal, a line
 * at every tenth otherwise), one per phase of a pool call.
 */
export class StatusLine {
  private last = '';
  private drawn = false;
  private readonly tty: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY);
  }

  show(text: string): void {
    if (text === this.last) return;
    this.last = text;
    if (this.tty) {
      this.stream.write(`\r\x1b[2K${text}`);
      this.drawn = true;
    } else this.stream.write(`${text}\n`);
  }

  /** Ends a redrawn line so that what follows starts on a line of its own. */
  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
    this.last = '';
  }
}

/** Progress of a pool call that runs in phases (shuffle, commit, chain, responses, verify): one bar per phase. */
export class PhasedProgress {
  private bar: ProgressBar | null = null;
  private phase = '';

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  readonly onProgress = (p: { phase: string; done: number; total: number }): void => {
    if (p.phase !== this.phase || this.bar === null) {
      this.bar?.finish();
      this.phase = p.phase;
      this.bar = new ProgressBar(`${this.label}: ${p.phase}`, p.total, this.stream);
    }
    this.bar.update(p.done);
  };

  finish(): void {
    this.bar?.finish();
    this.bar = null;
  }
}
