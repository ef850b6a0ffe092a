import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `ostraka` command, run as the demo and operators run it. */
export const OSTRAKA_BIN = fileURLToPath(new URL('../../../cli/bin/ostraka.js', import.meta.url));

export interface BoardProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every stdout line parsed as JSON (the structured log). */
  readonly logs: Record<string, unknown>[];
  readonly stderr: () => string;
  /** Sends `signal` and resolves with the exit code (or signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

// Children still running when the test worker exits (a failed test) are killed with it.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Stops every board process these helpers started that is still running (for afterAll). */
export async function stopAllBoardProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Starts `ostraka board serve --port 0 …` and waits for its "listening" log line. */
export function startBoardProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BoardProcess> {
  const child = spawn(process.execPath, [OSTRAKA_BIN, 'board', 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const logs: Record<string, unknown>[] = [];
  let err = '';
  let buffered = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal as string))));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`board did not start in time; stderr: ${err}`));
    }, 30_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    // Keep reading stdout for the whole life of the process, or a full pipe would block it.
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line);
        } catch {
          entry = { unparsed: line };
        }
        logs.push(entry);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve({
            child,
            url: entry.url as string,
            logs,
            stderr: () => err,
            stop(signal = 'SIGTERM') {
              if (child.exitCode === null && child.signalCode === null) child.kill(signal);
              return exited;
            },
          });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`board exited (${code}) before listening; stderr: ${err}`));
    });
  });
}

/** Runs `ostraka <args>` to completion. */
export function runOstraka(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OSTRAKA_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
