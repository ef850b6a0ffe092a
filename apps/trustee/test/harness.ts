/**
 * Runs the real trustee tool as a child process, `node apps/cli/bin/ostraka.js trustee …`, with
 * networking made to fail, and reports any attempt:
 * - always: a preload (no-network.mjs) that replaces every network API of Node.js in the main
 *   thread with a function that records the call and throws;
 * - where available (Linux): a fresh network namespace with no interfaces (`unshare -n`), and
 *   `strace -f` recording every socket() and connect() system call of every thread, workers
 *   included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repo, 'apps/cli/bin/ostraka.js');
const preload = fileURLToPath(new URL('./no-network.mjs', import.meta.url));

const works = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
/** Whether this machine can run the tool in an empty network namespace and under strace. */
export const sandbox = {
  unshare: works('unshare', ['-n', 'true']),
  strace: works('strace', ['-f', '--seccomp-bpf', '-qq', '-e', 'trace=socket,connect', '-o', '/dev/null', 'true']),
};

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Every recorded network attempt: preload records and socket()/connect() system calls. */
  readonly network: string[];
}

/** Runs any command line of `node` under the guard (used for the tool, and for the guard's own control test). */
export function runGuarded(nodeArgs: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Run {
  const scratch = mkdtempSync(join(tmpdir(), 'ostraka-guard-'));
  const preloadLog = join(scratch, 'preload.log');
  const straceLog = join(scratch, 'strace.log');
  let argv = [process.execPath, '--import', preload, ...nodeArgs];
  if (sandbox.strace) argv = ['strace', '-f', '--seccomp-bpf', '-qq', '-e', 'trace=socket,connect', '-o', straceLog, ...argv];
  if (sandbox.unshare) argv = ['unshare', '-n', ...argv];
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', OSTRAKA_NETWORK_LOG: preloadLog, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const network: string[] = [];
  if (existsSync(preloadLog)) network.push(...readFileSync(preloadLog, 'utf8').split('\n').filter(Boolean));
  if (existsSync(straceLog))
    network.push(...readFileSync(straceLog, 'utf8').split('\n').filter((l) => /\b(socket|connect)\(/.test(l)));
  rmSync(scratch, { recursive: true, force: true });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, network };
}

/** `ostraka trustee <args>` in `cwd`, under the guard. */
export function trustee(cwd: string, ...args: string[]): Run {
  return runGuarded([bin, 'trustee', ...args], { cwd });
}
