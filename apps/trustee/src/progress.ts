/**
 * Progress of a long step on stderr: a redrawn bar on a terminal, and otherwise a line at every
 * tenth, so that a log stays short and a terminal stays readable.
 */
export class Progress {
  private done = 0;
  private lastTenth = -1;
  private readonly tty: boolean;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
    this.render();
  }

  advance(count: number): void {
    this.done = Math.min(this.total, this.done + count);
    this.render();
  }

  finish(): void {
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
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${this.done}/${this.total}${eta}   `);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.label}: ${this.done}/${this.total} (${tenth * 10}%)\n`);
  }
}
