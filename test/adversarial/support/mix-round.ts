import type { BoardClient } from '@ostraka/board/client';
import { toHex, type SigningKey } from '@ostraka/crypto';
import { mixDocumentName } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { chunkHex } from '@ostraka/election';

export interface RoundPost {
  readonly election: string;
  readonly consensusId: string;
  readonly round: number;
  /** The list hash the round names as its input. */
  readonly inputHash: string;
  readonly outputs: Uint8Array;
  readonly proof: Uint8Array;
}

/**
 * Posts a mix round with whatever bytes a (possibly corrupt) mix server chooses, exactly as
 * `ostraka mix run` posts one: a new cycle of its peer, closed, the output and the proof as
 * chunked outbox documents, processed.
 */
export async function postRound(client: BoardClient, key: SigningKey, r: RoundPost): Promise<void> {
  const peerId = keyId(key.publicKey);
  const cycles = await client.request<{ id: number }[]>('GET', `/peers/${peerId}/cycles`);
  const cycle = cycles.reduce((m, c) => Math.max(m, c.id), 0) + 1;
  await client.openCycle(key, cycle);
  await client.updateCycle(key, cycle, 'close');
  for (const [part, bytes] of [
    ['output', r.outputs],
    ['proof', r.proof],
  ] as const) {
    const pieces = chunkHex(toHex(bytes), 200_000);
    for (let index = 0; index < pieces.length; index++)
      await client.postToOutbox(
        key,
        cycle,
        'trustees',
        { election: r.election, consensus_id: r.consensusId, round: r.round, part, input_hash: r.inputHash, bytes: pieces[index] },
        { chunk: { doc: mixDocumentName(r.round, part), index, count: pieces.length } },
      );
  }
  await client.updateCycle(key, cycle, 'process');
}
