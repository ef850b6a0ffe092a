import type { TreeHead } from '@ostraka/protocol/log';
import type { EntryTypeRegistry } from '../entry-types/registry.js';
import type { BoardIdentity } from '../entry-types/entry-type.js';
import type { Receipt } from '../log/commit-queue.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BoardReader } from '../storage/board-storage.js';

export interface BoardLimits {
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Most items per page in list responses. */
  pageLimit: number;
  /** Most payload bytes per page in list responses (a page holds at least one item). */
  pageBytes: number;
  /** Most writes per transaction (group commit). */
  maxBatch: number;
  /** Longest a write waits for others in flight to share its transaction, in ms (0: never waits). */
  commitDelayMs: number;
  /** Requests per second allowed per client address (0: no limit). */
  rateLimit: number;
  /** Burst size of the per-address token bucket. */
  rateBurst: number;
}

export const DEFAULT_LIMITS: BoardLimits = {
  maxBodyBytes: 1024 * 1024,
  pageLimit: 1000,
  pageBytes: 8 * 1024 * 1024,
  maxBatch: 1024,
  commitDelayMs: 2,
  rateLimit: 1000,
  rateBurst: 2000,
};

/** What the HTTP routes need from the board. */
export interface BoardServices {
  readonly identity: BoardIdentity;
  readonly reader: BoardReader;
  readonly registry: EntryTypeRegistry;
  readonly limits: BoardLimits;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The body cap of a request path: `limits.maxBodyBytes` unless a plugin set one for its prefix. */
  bodyLimitFor(path: string): number;
  head(): TreeHead;
  submit(type: string, body: unknown, match?: (payload: never) => void): Promise<Receipt>;
  isClosing(): boolean;
}
