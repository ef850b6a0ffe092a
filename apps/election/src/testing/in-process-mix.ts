import type { BoardClient } from '@ostraka/board/client';
import { fromHex, toHex, type SigningKey } from '@ostraka/crypto';
import { mixDocumentName, type CiphertextListFile, type FullManifest } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { shuffleAndProve } from '@ostraka/shuffle';
import { chunkHex } from '../authority/chunks.js';

/**
 * Mix round `round` in the test process (single-threaded), posted as the mix server `ostraka mix
 * run` would: a new cycle, closed, the output and the proof as chunked outbox documents, processed.
 * With `tamper`, the output is altered after proving (a cheating mix server).
 */
export async function mixInProcess(
  client: BoardClient,
  key: SigningKey,
  manifest: FullManifest,
  jointKey: string,
  consensusId: string,
  round: number,
  options: { tamper?: boolean; chunkChars?: number } = {},
): Promise<void> {
  const input: CiphertextListFile = await client.request('GET', `/elections/${manifest.id}/rounds/${round}/input`);
  const statement = { group: manifest.group, publicKey: fromHex(jointKey), width: input.width, election: manifest.id, round };
  const { outputs, proof } = shuffleAndProve(statement, fromHex(input.ciphertexts));
  if (options.tamper && input.count >= 2) {
    // Swap the first two outputs: the proof no longer matches.
    const size = outputs.length / input.count;
    const first = outputs.slice(0, size);
    outputs.copyWithin(0, size, 2 * size);
    outputs.set(first, size);
  }
  const peerId = keyId(key.publicKey);
  const cycles = await client.request<{ id: number }[]>('GET', `/peers/${peerId}/cycles`);
  const cycle = cycles.reduce((m, c) => Math.max(m, c.id), 0) + 1;
  await client.openCycle(key, cycle);
  await client.updateCycle(key, cycle, 'close');
  for (const [part, bytes] of [
    ['output', outputs],
    ['proof', proof],
  ] as const) {
    const pieces = chunkHex(toHex(bytes), options.chunkChars ?? 200_000);
    for (let index = 0; index < pieces.length; index++)
      await client.postToOutbox(
        key,
        cycle,
        'trustees',
        { election: manifest.id, consensus_id: consensusId, round, part, input_hash: input.hash, bytes: pieces[index] },
        { chunk: { doc: mixDocumentName(round, part), index, count: pieces.length } },
      );
  }
  await client.updateCycle(key, cycle, 'process');
}
