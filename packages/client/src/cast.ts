import { type SigningKey } from '@ostraka/crypto';
import type { BallotData, Json } from '@ostraka/protocol';
import { keyId, SEED_ENTRY_TYPES, signEnvelope, type TreeHead } from '@ostraka/protocol/log';
import { ballotTracker } from './ballot.js';
import { boardRequest } from './board-http.js';

/** What a voter keeps after casting: enough to check, later and elsewhere, that the ballot was published and counted. */
export interface Receipt {
  readonly type: 'ostraka.receipt';
  readonly board: string;
  /** The board's public key, hex: what the tree head's signature is checked against. */
  readonly board_key: string;
  readonly election: string;
  readonly tracker: string;
  readonly entry: { readonly index: number; readonly leaf_hash: string };
  readonly tree_head: TreeHead;
}

export interface BoardSummary {
  readonly board_id: string;
  readonly public_key: string;
}

/**
 * Casts a ballot: a message, signed by the credential, to the inbox of the election's ballot
 * cycle. Resolves with the receipt once the board has durably published the ballot; a refusal
 * is a BoardRequestError with the board's reason (closed election, copied ballot, …).
 */
export async function castBallot(
  boardUrl: string,
  election: { id: string; authority: string; ballotCycle: number },
  ballot: BallotData,
  credential: SigningKey,
  fetchImpl: typeof fetch = fetch,
): Promise<Receipt> {
  const board = await boardRequest<BoardSummary>(boardUrl, 'GET', '/board', undefined, fetchImpl);
  const envelope = signEnvelope(credential, board.board_id, SEED_ENTRY_TYPES.messageInbox, {
    operation: 'create',
    resource: 'message',
    sender: keyId(credential.publicKey),
    recipient: election.authority,
    peer_id: election.authority,
    cycle_id: election.ballotCycle,
    box: 0,
    data: ballot as unknown as Json,
  });
  const path = `/peers/${election.authority}/cycles/${election.ballotCycle}/inbox`;
  const reply = await boardRequest<{ entry: { index: number; leaf_hash: string }; tree_head: TreeHead }>(boardUrl, 'POST', path, envelope, fetchImpl);
  return {
    type: 'ostraka.receipt',
    board: board.board_id,
    board_key: board.public_key,
    election: election.id,
    tracker: ballotTracker(ballot),
    entry: reply.entry,
    tree_head: reply.tree_head,
  };
}

