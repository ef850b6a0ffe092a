import { describe, expect, it } from 'vitest';
import { PhasedProgress, ProgressBar, StatusLine } from '@ostraka/mixer';

/** A stand-in for stderr that records what is written. */
function stream(tty: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY: tty, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('status line and progress on stderr', () => {
  it('prints a status line once per change in a log, and redraws it in place on a terminal', () => {
    const log = stream(false);
    const line = new StatusLine(log);
    for (const t of ['waiting for round 1 …', 'waiting for round 1 …', 'waiting for round 2 …']) line.show(t);
    line.done();
    expect(log.text).toBe('waiting for round 1 …\nwaiting for round 2 …\n');

    const tty = stream(true);
    const live = new StatusLine(tty);
    live.show('a');
    live.show('a');
    live.show('b');
    live.done();
    expect(tty.text).toBe('\r\x1b[2Ka\r\x1b[2Kb\n');
  });

  it('prints a progress line per tenth in a log, a bar on a terminal, one bar per phase', () => {
    const log = stream(false);
    const bar = new ProgressBar('posting round-1-output', 20, log);
    for (let i = 1; i <= 20; i++) bar.update(i);
    bar.finish();
    expect(log.text.trim().split('\n')).toEqual(Array.from({ length: 11 }, (_, t) => `posting round-1-output: ${t * 2}/20 (${t * 10}%)`));

    const tty = stream(true);
    const phased = new PhasedProgress('round 2', tty);
    phased.onProgress({ phase: 'shuffle', done: 0, total: 2 });
    phased.onProgress({ phase: 'shuffle', done: 2, total: 2 });
    phased.onProgress({ phase: 'commit', done: 1, total: 1 });
    phased.finish();
    expect(tty.text).toMatch(/^\r\x1b\[2Kround 2: shuffle \[ {30}\] 0\/2\r/);
    expect(tty.text).toMatch(/round 2: shuffle \[#{30}\] 2\/2\n/);
    expect(tty.text).toMatch(/round 2: commit \[#{30}\] 1\/1\n$/);
  });
});
