/**
 * Instant-runoff counting (docs/transcript.md §Tally). Each round, every ballot counts for its
 * highest-ranked continuing candidate; a ballot with none left is exhausted. A candidate with more
 * than half of the round's non-exhausted ballots wins; otherwise the candidate with the fewest
 * votes is eliminated. Ties for elimination are broken by the fewest votes in the latest earlier
 * round where the tied candidates differ, then by eliminating the one listed last in the manifest.
 */
export interface InstantRunoffRound {
  /** Votes per candidate in this round; null for a candidate no longer continuing. */
  counts: (number | null)[];
  exhausted: number;
  /** The candidate eliminated after this round, or null in the final round. */
  eliminated: number | null;
}

export interface InstantRunoffResult {
  rounds: InstantRunoffRound[];
  /** The winner, or null when no ballot ranks any candidate. */
  winner: number | null;
}

export function instantRunoff(candidateCount: number, rankings: readonly (readonly number[])[]): InstantRunoffResult {
  const continuing = new Set(Array.from({ length: candidateCount }, (_, i) => i));
  const rounds: InstantRunoffRound[] = [];
  for (;;) {
    const counts: (number | null)[] = Array.from({ length: candidateCount }, (_, i) => (continuing.has(i) ? 0 : null));
    let exhausted = 0;
    for (const ranking of rankings) {
      const top = ranking.find((c) => continuing.has(c));
      if (top === undefined) exhausted++;
      else counts[top] = (counts[top] as number) + 1;
    }
    const active = rankings.length - exhausted;
    const alive = [...continuing];
    const leader = alive.reduce((best, c) => ((counts[c] as number) > (counts[best] as number) ? c : best), alive[0]);
    if (active === 0) {
      rounds.push({ counts, exhausted, eliminated: null });
      return { rounds, winner: null };
    }
    if (2 * (counts[leader] as number) > active || alive.length === 1) {
      rounds.push({ counts, exhausted, eliminated: null });
      return { rounds, winner: leader };
    }
    const eliminated = chooseElimination(alive, counts, rounds);
    rounds.push({ counts, exhausted, eliminated });
    continuing.delete(eliminated);
  }
}

function chooseElimination(alive: number[], counts: (number | null)[], earlier: InstantRunoffRound[]): number {
  const fewest = Math.min(...alive.map((c) => counts[c] as number));
  let tied = alive.filter((c) => counts[c] === fewest);
  for (let r = earlier.length - 1; r >= 0 && tied.length > 1; r--) {
    const least = Math.min(...tied.map((c) => earlier[r].counts[c] as number));
    tied = tied.filter((c) => earlier[r].counts[c] === least);
  }
  return Math.max(...tied);
}
