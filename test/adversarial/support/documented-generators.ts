import { deriveGenerators, groupByName, Transcript, u32be, type Group } from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';

/** The seed and h_0..h_N of a shuffle as docs/crypto.md §9.2 derives them (hash to group, no trapdoor). */
export function documentedGenerators(statement: ShuffleStatement, n: number): { seed: Uint8Array; generators: unknown[] } {
  const G = groupByName(statement.group) as Group<unknown>;
  const seed = new Transcript('shuffle-generators', { election: statement.election, step: `mix/${statement.round}` })
    .appendString('group', G.name)
    .append('n', u32be(n))
    .challengeBytes('seed');
  return { seed, generators: deriveGenerators(G, seed, 0, n + 1) };
}
