/**
 * Progress on stderr: a bar redrawn in place on a terminal, a line every 10% otherwise (logs, CI).
 * Never on stdout, which carries results.
 */
export class ProgressBar {
  private lastDecile = -1;
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly started = Date.now();

  constructor(private readonly label: string) {}

  update(done: number, total: number, note = ''): void {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    if (this.tty) {
      const width = 28;
      const filled = Math.round(fraction * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      process.stderr.write(`\r${this.label.padEnd(22)} ${bar} ${String(Math.floor(fraction * 100)).padStart(3)}% ${done}/${total} ${note}\x1b[K`);
      if (fraction === 1) process.stderr.write('\n');
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        process.stderr.write(`${this.label}: ${Math.floor(fraction * 100)}% (${done}/${total}) ${note}\n`);
      }
    }
  }

  done(note = ''): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    if (this.tty) process.stderr.write(`\r${this.label.padEnd(22)} done in ${seconds} s ${note}\x1b[K\n`);
    else process.stderr.write(`${this.label}: done in ${seconds} s ${note}\n`);
  }
}
