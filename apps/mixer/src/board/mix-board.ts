import type { SigningKey } from '@ostraka/crypto';
import { ciphertextListSchema, type CiphertextListFile, type Json, type MixData } from '@ostraka/protocol';
import { keyId, type JsonObject } from '@ostraka/protocol/log';
import { BoardClient, BoardHttpError, type BoardInfo } from '@ostraka/board/client';
import { z } from 'zod';
import { MixFailure } from '../errors.js';
import { electionViewSchema, type ElectionView } from './election-view.js';
import { describeFailure, withRetry, type RetryPolicy } from './retry.js';

const cycleSchema = z.object({
  peer_id: z.string(),
  id: z.int().min(1),
  status: z.enum(['OPEN', 'CLOSED', 'PROCESSED']),
  size_current: z.int().min(0),
  outbox_size: z.int().min(0),
});
export type CycleView = z.infer<typeof cycleSchema>;

const outboxMessageSchema = z.object({
  id: z.int().min(0),
  cycle_id: z.int().min(1),
  data: z.json(),
  chunk: z.object({ doc: z.string(), index: z.int().min(0), count: z.int().min(1) }).optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

const proofSchema = z.object({ proof: z.string().regex(/^(?:[0-9a-f]{2})*$/) });

/** A chunk of a round's document, as posted in the outbox. */
export interface ChunkMessage {
  readonly doc: string;
  readonly index: number;
  readonly count: number;
  readonly data: MixData;
}

/**
 * The board as the mix server sees it: reads of the election, its lists and the peer's cycles,
 * checked with zod; writes signed with the mix server's key. Transient failures are retried
 * (policy); a refusal is thrown as the board's BoardHttpError. Writes are deterministic (Ed25519
 * signatures of canonical JSON), so a write repeated after a lost reply is a 409 REPLAY of the
 * same statement, which means it is on the board: replays count as success.
 */
export class MixBoard {
  client: BoardClient;
  readonly peerId: string;

  constructor(
    readonly url: string,
    private readonly key: SigningKey,
    private readonly policy: RetryPolicy,
  ) {
    this.client = new BoardClient(url);
    this.peerId = keyId(key.publicKey);
  }

  private get<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
    return withRetry(async () => {
      const body = await this.client.request<unknown>('GET', path);
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new MixFailure(`the board's ${what} is malformed: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    }, this.policy);
  }

  /**
   * `GET /board`: the board id and its limits. BoardClient caches its first answer, including a
   * failed one; a failure here replaces the client, so that once this succeeds every later write
   * signs with a board id that is known.
   */
  info(): Promise<BoardInfo> {
    return withRetry(async () => {
      try {
        return await this.client.info();
      } catch (e) {
        this.client = new BoardClient(this.url);
        throw e;
      }
    }, this.policy);
  }

  /** The election, or null if the board has no election of that id (yet). */
  async election(id: string): Promise<ElectionView | null> {
    try {
      return await this.get(`/elections/${encodeURIComponent(id)}`, electionViewSchema, `view of election "${id}"`);
    } catch (e) {
      if (e instanceof BoardHttpError && e.status === 404) return null;
      throw e;
    }
  }

  /** A round's input or output list (`GET /elections/:id/rounds/:r/input|output`). */
  roundList(id: string, round: number, which: 'input' | 'output'): Promise<CiphertextListFile> {
    return this.get(`/elections/${encodeURIComponent(id)}/rounds/${round}/${which}`, ciphertextListSchema, `round ${round} ${which}`);
  }

  async roundProof(id: string, round: number): Promise<string> {
    return (await this.get(`/elections/${encodeURIComponent(id)}/rounds/${round}/proof`, proofSchema, `round ${round} proof`)).proof;
  }

  cycles(): Promise<CycleView[]> {
    return this.get(`/peers/${this.peerId}/cycles`, z.array(cycleSchema), 'cycle list');
  }

  /** Outbox messages of one of this peer's cycles, `limit` at a time, after message id `after`. */
  outbox(cycle: number, after: number | undefined, limit: number): Promise<OutboxMessage[]> {
    const query = `limit=${limit}${after === undefined ? '' : `&after=${after}`}`;
    return this.get(`/peers/${this.peerId}/cycles/${cycle}/outbox?${query}`, z.array(outboxMessageSchema), `outbox of cycle ${cycle}`);
  }

  /** A signed write; `true` if it was written now, `false` if the same statement was already on the board. */
  private async write(run: () => Promise<unknown>): Promise<boolean> {
    try {
      await withRetry(run, this.policy);
      return true;
    } catch (e) {
      if (e instanceof BoardHttpError && e.status === 409 && e.code === 'REPLAY') return false;
      throw e;
    }
  }

  createCycle(cycle: number): Promise<boolean> {
    return this.write(() => this.client.openCycle(this.key, cycle));
  }

  updateCycle(cycle: number, action: 'close' | 'process'): Promise<boolean> {
    return this.write(() => this.client.updateCycle(this.key, cycle, action));
  }

  postChunk(cycle: number, recipient: string, chunk: ChunkMessage): Promise<boolean> {
    return this.write(() =>
      this.client.postToOutbox(this.key, cycle, recipient, chunk.data as unknown as Json as JsonObject, {
        chunk: { doc: chunk.doc, index: chunk.index, count: chunk.count },
      }),
    );
  }
}

export { describeFailure };
