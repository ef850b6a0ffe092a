/** What the election rules share while the log is replayed. */
import type { BoardState } from '../seed/board-state.js';
import type { Findings } from '../report/findings.js';
import type { Entry } from '../log/entry.js';
import { DocumentChunks } from './documents.js';
import type { ElectionRecord } from './record.js';

export class ElectionContext {
  readonly elections = new Map<string, ElectionRecord>();
  readonly documents = new DocumentChunks();
  /** `peer/cycle` of every ballot cycle → its election. */
  readonly ballotCycles = new Map<string, string>();

  constructor(
    readonly board: BoardState,
    readonly findings: Findings,
  ) {}

  /** Records a failure of `check` for this entry; returns false so that callers can `return ctx.fail(…)`. */
  fail(check: string, entry: Entry, detail: string): false {
    this.findings.fail(check, `${entry.type}: ${detail}`, entry.place);
    return false;
  }
}
