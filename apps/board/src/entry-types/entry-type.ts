import type { z } from 'zod';
import type { Json } from '@ostraka/protocol';
import type { JsonObject } from '@ostraka/protocol/log';
import type { BoardReader, BoardWriter } from '../storage/board-storage.js';
import type { AuthorRecord } from '../storage/records.js';

/** Who the board is: fixed when its database is created. */
export interface BoardIdentity {
  readonly id: string;
  readonly publicKey: Uint8Array;
  readonly keyId: string;
  readonly authorityKey: Uint8Array;
  readonly authorityKeyId: string;
}

/** A write as the type's hooks see it: signature already verified against `author`. */
export interface EntryInput<P> {
  readonly board: BoardIdentity;
  readonly type: string;
  readonly signer: string;
  readonly author: AuthorRecord;
  readonly payload: P;
}

export interface CheckContext<P> extends EntryInput<P> {
  /** Committed state; may be behind by the writes now in flight (final decisions belong in `validate`). */
  readonly reader: BoardReader;
  /** Verifies an extra Ed25519 signature in the worker pool (e.g. a text signature inside the payload). */
  verify(publicKey: Uint8Array, domain: string, payload: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

export interface EntryContext<P> extends EntryInput<P> {
  /** The write transaction: reads see every earlier write of the same batch. */
  readonly state: BoardWriter;
  /** The index this entry will have. */
  readonly index: number;
  readonly received: number;
  /** The entry's leaf hash (a fresh, unpredictable id for resources it creates). */
  readonly leafHash: Uint8Array;
  /** Indexes the entry under an election id (query: `GET /log/types/:type/entries?election=`). */
  setElection(id: string): void;
}

/**
 * An entry type: what the board accepts, who may write it, and what it changes.
 * Hooks run in this order for every write:
 * 1. `payload` (zod) on the request's payload; a failure is a 400.
 * 2. the envelope signature, against the signer's registered key (in the worker pool).
 * 3. `check`: stateless or read-only checks, run concurrently with other requests, outside the
 *    write transaction. Put expensive work (proof verification) here.
 * 4. `validate`, then `apply`, inside the write transaction, one write at a time, with the
 *    board state as it is just before this entry. Throw a BoardError (409 for a duplicate or an
 *    illegal state transition) to refuse: everything the write did is rolled back. `apply` writes
 *    projections and returns the id the client gets back.
 */
export interface EntryTypeDefinition<P = JsonObject> {
  readonly type: string;
  readonly payload: z.ZodType<P>;
  /** Author kinds allowed to sign it (default: every kind except `board`). */
  readonly signers?: readonly string[];
  check?(ctx: CheckContext<P>): Promise<void> | void;
  validate?(ctx: EntryContext<P>): Promise<void> | void;
  apply?(ctx: EntryContext<P>): Promise<Json | void> | Json | void;
}

/** Extra hooks an extension adds to an existing type (e.g. ballot checks on a ballot box's inbox). */
export interface EntryTypeExtension<P = JsonObject> {
  check?(ctx: CheckContext<P>): Promise<void> | void;
  validate?(ctx: EntryContext<P>): Promise<void> | void;
  apply?(ctx: EntryContext<P>): Promise<void> | void;
}
