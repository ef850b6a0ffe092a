/**
 * Progress of a long step on stderr: a bar redrawn in place (with the time left) on a terminal,
 * and otherwise a line at every tenth, so that a log stays short and a terminal readable.
 */
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

  /** Sets how many are done. */
  update(done: number): void {
    this.done = Math.min(this.total, Math.max(0, done));
    this.render();
  }

  /** Counts `count` more done. */
  advance(count: number): void {
    this.update(this.done + count);
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
