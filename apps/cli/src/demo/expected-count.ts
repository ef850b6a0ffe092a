import { canonicalJson, tallyBallots, type Json, type Question, type Tally } from '@ostraka/protocol';

/**
 * What the demo cast, kept as each voter's last plaintext (the one that counts), to be compared
 * with the tally the trustees' decryption gives. Only the count is compared: the tally's
 * `invalidPositions` depend on the mix's secret permutation.
 */
export class ExpectedCount {
  private readonly last = new Map<number, Uint8Array>();

  constructor(private readonly questions: readonly Question[]) {}

  /** Voter `voter` cast a ballot with this plaintext; it replaces any earlier one of the same voter. */
  cast(voter: number, plaintext: Uint8Array): void {
    this.last.set(voter, plaintext);
  }

  get ballots(): number {
    return this.last.size;
  }

  tally(): Tally {
    return tallyBallots(this.questions, [...this.last.values()]);
  }
}

/** The differences between a tally and the expected one, in words; empty when they agree. */
export function tallyDifferences(actual: Tally, expected: Tally): string[] {
  const out: string[] = [];
  for (const field of ['ballots', 'valid', 'invalid'] as const)
    if (actual[field] !== expected[field]) out.push(`${field}: the tally says ${actual[field]}, the demo cast ${expected[field]}`);
  expected.questions.forEach((q, k) => {
    const a = actual.questions[k];
    if (!a || canonicalJson(a as unknown as Json) !== canonicalJson(q as unknown as Json))
      out.push(`question "${q.id}": the tally says ${a ? canonicalJson(a as unknown as Json) : 'nothing'}, the demo cast ${canonicalJson(q as unknown as Json)}`);
  });
  if (actual.questions.length !== expected.questions.length) out.push(`the tally has ${actual.questions.length} questions, not ${expected.questions.length}`);
  return out;
}
