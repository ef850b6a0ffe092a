import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHex, type SigningKey } from '@ostraka/crypto';

/** The `ostraka` command, as operators run it. */
export const OSTRAKA_BIN = fileURLToPath(new URL('../../../cli/bin/ostraka.js', import.meta.url));

/** Writes a key file as `ostraka board keygen` does (mode 0600). */
export function writeKeyFile(dir: string, name: string, key: SigningKey): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ type: 'ostraka-board-key', version: 1, secret_key: toHex(key.secretKey) }) + '\n', { mode: 0o600 });
  return path;
}

export interface OstrakaProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr has a line matching `pattern` (rejects if the process exits first). */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** The exit code, or the signal's name. */
  readonly exited: Promise<number | string>;
}

// Children still running when the test worker exits (a failed test) are killed with it.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function killAllOstrakaProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts `ostraka <args>`, collecting its output. */
export function startOstraka(args: string[]): OstrakaProcess {
  const child = spawn(process.execPath, [OSTRAKA_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      for (const w of waiters.splice(0)) w.reject(new Error(`ostraka ${args.join(' ')} exited (${code ?? signal}) before printing ${w.pattern}; stderr:\n${err}`));
      resolve(code ?? (signal as string));
    }),
  );
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters])
      if (w.pattern.test(err)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr(pattern) {
      if (pattern.test(err)) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }));
    },
  };
}

/** Runs `ostraka <args>` to completion. */
export async function runOstraka(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const p = startOstraka(args);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}
