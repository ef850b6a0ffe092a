import type { OstrakaProcess, ProcessRunner } from './child-processes.js';
import { DemoStepError } from './child-processes.js';

export interface BoardProcess {
  readonly url: string;
  readonly process: OstrakaProcess;
  /** SIGTERM (the board drains its queued writes and closes), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `ostraka board serve` on a fresh port and waits for the line that gives its URL. The
 * board runs without its per-address rate limit: every simulated voter of the demo comes from
 * 127.0.0.1, which a real deployment's limit would rightly treat as one abusive client.
 */
export async function startBoard(
  runner: ProcessRunner,
  options: { db: string; keyFile: string; authorityKey: string; extraArgs?: readonly string[] },
): Promise<BoardProcess> {
  const args = [
    'board',
    'serve',
    '--db',
    options.db,
    '--key-file',
    options.keyFile,
    '--authority-key',
    options.authorityKey,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--rate-limit',
    '0',
    '--log-level',
    'warn',
    ...(options.extraArgs ?? []),
  ];
  const proc = runner.start('board', args);
  const listening = /ostraka board listening on (\S+)/;
  const timeout = new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new DemoStepError(`the board did not start within 30 s${proc.tail()}`)), 30_000);
    void proc.exited.then(() => clearTimeout(t));
  });
  try {
    await Promise.race([proc.waitForStderr(listening), timeout]);
  } catch (e) {
    proc.kill('SIGKILL');
    throw e;
  }
  const url = (listening.exec(proc.stderr()) as RegExpExecArray)[1];
  return {
    url,
    process: proc,
    async stop(graceMs = 10_000) {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await proc.exited;
      clearTimeout(timer);
    },
  };
}
