import { boardRequest } from '@ostraka/client';
import type { SigningKey } from '@ostraka/crypto';
import type { Json } from '@ostraka/protocol';
import { keyId, SEED_ENTRY_TYPES, signEnvelope, type JsonObject } from '@ostraka/protocol/log';
import type { ElectionFixture } from '@ostraka/election/testing';

export interface BallotCycle {
  readonly url: string;
  readonly board: string;
  readonly authority: string;
  readonly cycle: number;
}

export async function ballotCycleOf(fx: ElectionFixture): Promise<BallotCycle> {
  const status = await fx.authority.status();
  return { url: fx.options.boardUrl, board: await fx.client.boardId(), authority: fx.authority.peerId, cycle: status.ballot_cycle as number };
}

/** The signed inbox payload of a "ballot" with any `data`, as a voting client would build it. */
export function ballotPayload(box: BallotCycle, key: SigningKey, data: Json, nonce?: string): JsonObject {
  return {
    operation: 'create',
    resource: 'message',
    sender: keyId(key.publicKey),
    recipient: box.authority,
    peer_id: box.authority,
    cycle_id: box.cycle,
    box: 0,
    data,
    ...(nonce === undefined ? {} : { nonce }),
  };
}

/**
 * Casts `data` (a ballot or anything else) to the ballot cycle, signed by `key`; resolves with
 * the receipt or rejects with the board's refusal (BoardRequestError: status and code).
 */
export function castRaw(box: BallotCycle, key: SigningKey, data: Json, nonce?: string): Promise<{ entry: { index: number; leaf_hash: string } }> {
  const envelope = signEnvelope(key, box.board, SEED_ENTRY_TYPES.messageInbox, ballotPayload(box, key, data, nonce));
  return boardRequest(box.url, 'POST', `/peers/${box.authority}/cycles/${box.cycle}/inbox`, envelope);
}
