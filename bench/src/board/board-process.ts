import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const OSTRAKA = fileURLToPath(new URL('../../../apps/cli/bin/ostraka.js', import.meta.url));

/**
 * Runs `ostraka board serve` as its own process, as in production; resolves with its URL.
 * `OSTRAKA_BENCH_NODE_ARGS` adds Node flags to the board process (e.g. `--cpu-prof` to profile it).
 */
export function startBoard(args: string[]): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const nodeArgs = process.env.OSTRAKA_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, OSTRAKA, 'board', 'serve', '--port', '0', '--log-level', 'warn', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m)
        resolve({
          url: m[1],
          child,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`board exited (${code}): ${err}`)));
  });
}
