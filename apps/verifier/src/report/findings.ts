/**
 * What the verifier found: for every check, how many items it examined and every failure with
 * the exact place (file, line, entry index) and the reason. Checks never throw on bad input;
 * they record a failure here and go on, so that one report names every problem.
 */

export interface Place {
  /** A file of the transcript, relative to its directory (e.g. `log/entries-000000.jsonl`). */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** Log entry index. */
  index?: number;
  /** Position inside the entry's document or list (a ciphertext, a plaintext), 0-based. */
  item?: number;
}

export interface Failure extends Place {
  check: string;
  ok: false;
  detail: string;
}

export interface CheckResult {
  check: string;
  ok: boolean;
  items: number;
  failures: number;
  detail?: string;
}

/** Failures kept per check (the count is always exact). */
const KEPT_PER_CHECK = 200;

export class Findings {
  private readonly items = new Map<string, number>();
  private readonly failureCounts = new Map<string, number>();
  private readonly kept: Failure[] = [];
  readonly notes: string[] = [];

  /** Records that `check` examined `count` items (whatever their outcome). */
  pass(check: string, count = 1): void {
    this.items.set(check, (this.items.get(check) ?? 0) + count);
  }

  fail(check: string, detail: string, place: Place = {}): void {
    if (!this.items.has(check)) this.items.set(check, 0);
    const n = (this.failureCounts.get(check) ?? 0) + 1;
    this.failureCounts.set(check, n);
    if (n <= KEPT_PER_CHECK) this.kept.push({ check, ok: false, detail, ...place });
  }

  /** `pass` when ok, else `fail`: for one item of a check. */
  expect(check: string, ok: boolean, detail: string, place: Place = {}): boolean {
    this.pass(check);
    if (!ok) this.fail(check, detail, place);
    return ok;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  get ok(): boolean {
    return this.failureCounts.size === 0;
  }

  failures(): Failure[] {
    return [...this.kept];
  }

  failureCount(check?: string): number {
    if (check !== undefined) return this.failureCounts.get(check) ?? 0;
    let total = 0;
    for (const n of this.failureCounts.values()) total += n;
    return total;
  }

  /** The checks recorded since `from` (by insertion order), with their counts. */
  results(checks: readonly string[]): CheckResult[] {
    return checks.map((check) => {
      const failures = this.failureCounts.get(check) ?? 0;
      return { check, ok: failures === 0, items: this.items.get(check) ?? 0, failures };
    });
  }

  checkIds(): string[] {
    return [...this.items.keys()];
  }
}
