import type { OstrakaProcess } from './child-processes.js';
import { DemoStepError } from './child-processes.js';
import type { DemoElection } from './demo-election.js';
import type { MixServerHost } from './mix-servers.js';
import type { Bar } from './reporter.js';

/** A fault to inject: SIGKILL the mix server of `round` when its stderr matches `when`, then start it again. */
export interface MixServerKill {
  readonly round: number;
  readonly when: RegExp;
}

export interface MixingOutcome {
  /** Per round: how many times its mix server was killed and started again. */
  readonly restarts: number[];
  /** The last stderr line of each mix server's final run (e.g. "round 2 is on the board: …"). */
  readonly lastLines: string[];
}

/**
 * Starts every mix server at once (each waits for its turn by watching the board) and waits until
 * all rounds are on the board, showing which round runs and what its server is doing. A server
 * that fails stops the others and the demo.
 */
export async function runMixServers(e: DemoElection, workers: number, bar: Bar, options: { kills?: readonly MixServerKill[]; signal?: AbortSignal } = {}): Promise<MixingOutcome> {
  const hosts = e.mixServers.hosts;
  const current: OstrakaProcess[] = hosts.map((h) => e.mixServers.start(h, e.board.url, e.id, workers));
  const restarts = hosts.map(() => 0);
  let finished = false;

  const runHost = async (h: MixServerHost): Promise<void> => {
    const k = h.round - 1;
    const kill = options.kills?.find((x) => x.round === h.round);
    if (kill) {
      await current[k].waitForStderr(kill.when);
      current[k].kill('SIGKILL');
      const killed = await current[k].exited;
      if (killed.code !== 'SIGKILL') throw new DemoStepError(`mix server ${h.round} finished (${killed.code}) before it could be killed`);
      restarts[k]++;
      current[k] = e.mixServers.start(h, e.board.url, e.id, workers, 2);
    }
    const done = await current[k].exited;
    if (done.code !== 0) throw new DemoStepError(`${current[k].describe()} failed (exit ${done.code})${current[k].tail()}`);
  };

  const watch = async () => {
    while (!finished) {
      const status = await e.authority.status().catch(() => null);
      if (status) {
        const rounds = status.rounds.length;
        const active = current[Math.min(rounds, hosts.length - 1)];
        bar.update(rounds, hosts.length, rounds < hosts.length ? `round ${rounds + 1}: ${active.lastStderrLine().slice(0, 70)}` : '');
      }
      if (options.signal?.aborted) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  const watcher = watch();
  try {
    await Promise.all(hosts.map((h) => runHost(h)));
  } catch (err) {
    for (const p of current) p.kill('SIGTERM');
    await Promise.all(current.map((p) => p.exited));
    throw err;
  } finally {
    finished = true;
    await watcher;
  }
  const status = await e.authority.status();
  if (status.rounds.length !== hosts.length) throw new DemoStepError(`every mix server exited, yet the board lists ${status.rounds.length} of ${hosts.length} rounds`);
  bar.update(hosts.length, hosts.length);
  bar.done(`${hosts.length} rounds of ${status.rounds[0]?.count ?? 0} ballots`);
  return { restarts, lastLines: current.map((p) => p.lastStderrLine()) };
}
