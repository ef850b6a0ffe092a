/**
 * What the mix server shows on stderr: a status line that is redrawn in place on a terminal and
 * printed once per change otherwise (waiting can last hours; a log gets one line per change, not
 * one per poll), and progress bars for the long steps (a bar on a terminal, a line at every tenth
 * otherwise).
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

export class ProgressBar {
  private done = 0;
  private lastTenth = -1;
  private readonly tty: boolean;
  private readonly started = Date.now();
  private finished = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
    this.render();
  }

  update(done: number): void {
    this.done = Math.min(this.total, Math.max(0, done));
    this.render();
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.done = this.total;
    this.render();
    if (this.tty) this.stream.write('\n');
  }

  private render(): void {
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      const seconds = (Date.now() - this.started) / 1000;
      const eta = fraction > 0 && fraction < 1 ? `, ${Math.ceil((seconds / fraction) * (1 - fraction))} s left` : '';
      this.stream.write(`\r\x1b[2K${this.label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${this.done}/${this.total}${eta}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.label}: ${this.done}/${this.total} (${tenth * 10}%)\n`);
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
