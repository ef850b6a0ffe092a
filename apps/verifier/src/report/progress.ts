/**
 * Progress on stderr: a bar redrawn in place when stderr is a terminal, otherwise one line when a
 * step starts and one when it ends (logs stay readable). Silent when asked (tests, libraries).
 */

export interface ProgressStep {
  update(done: number): void;
  done(): void;
}

export interface Progress {
  start(label: string, total: number): ProgressStep;
}

export const silentProgress: Progress = {
  start: () => ({ update() {}, done() {} }),
};

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  return {
    start(label, total) {
      const started = performance.now();
      let last = 0;
      const draw = (done: number) => {
        const width = 30;
        const filled = total === 0 ? width : Math.round((width * done) / total);
        stream.write(`\r${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      };
      if (tty) draw(0);
      else stream.write(`${label}: ${total} …\n`);
      return {
        update(done) {
          const now = performance.now();
          if (tty && now - last > 100) {
            last = now;
            draw(done);
          }
        },
        done() {
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          if (tty) {
            draw(total);
            stream.write(` ${seconds} s\n`);
          } else stream.write(`${label}: done in ${seconds} s\n`);
        },
      };
    },
  };
}
