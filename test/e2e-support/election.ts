import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoElection, issueCredentials, prepareOutputDir, type ElectionSettings, type VoterRoll } from 'ostraka/demo';
import { DEMO_QUESTIONS } from 'ostraka/demo';

const silentBar = { update() {}, done() {} };

/** A fresh directory for one election's files; `remove()` deletes it. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const parent = mkdtempSync(join(tmpdir(), `ostraka-${prefix}-`));
  return { dir: join(parent, 'election'), remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/**
 * An election taken to `voting-open` with real processes: a board, the trustee tool (cheap KDF),
 * the mix servers enrolled; `voters` credentials registered. What the tests then do is theirs.
 */
export async function openElection(dir: string, options: Partial<ElectionSettings> & { voters: number }): Promise<{ e: DemoElection; roll: VoterRoll }> {
  prepareOutputDir(dir);
  const e = await DemoElection.start({
    dir,
    election: options.election ?? 'e2e-election',
    title: options.title ?? 'End-to-end election',
    group: options.group ?? 'ristretto255',
    questions: options.questions ?? DEMO_QUESTIONS,
    trustees: options.trustees ?? { count: 3, threshold: 2 },
    mixServers: options.mixServers ?? 1,
    kdfCost: 14,
    parallel: 3,
  });
  try {
    await e.setUp();
    await e.keyCeremony();
    const roll = await issueCredentials(e, options.voters, join(dir, 'voter-codes.csv'), silentBar);
    await e.authority.openVoting();
    return { e, roll };
  } catch (err) {
    await e.stop();
    throw err;
  }
}

export { silentBar };
