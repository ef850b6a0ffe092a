import type { BoardReader } from '@ostraka/board';
import { fromHex } from '@ostraka/crypto';
import { packCiphertextList, type CiphertextListFile, type MixData } from '@ostraka/protocol';
import type { MessagePayload } from '@ostraka/protocol/log';
import { countedBallots, packBallots } from './ballot-box.js';
import type { ElectionRecord } from './election-record.js';

/** The bytes of a complete round's document (`output` or `proof`), read back from its chunks. */
export async function roundBytes(reader: BoardReader, election: ElectionRecord, round: number, part: 'output' | 'proof'): Promise<Uint8Array | null> {
  const progress = (await reader.kvGet('mix-round', `${election.id}/${round}`)) as { output: number[]; proof: number[] } | null;
  if (!progress || round > election.rounds.length) return null;
  const parts: Uint8Array[] = [];
  for (const index of progress[part]) {
    const entry = await reader.entry(index);
    parts.push(fromHex(((entry?.payload as MessagePayload).data as MixData).bytes));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The input list of mix round `round` (1 = the ballot box), as a ciphertext-list file, or null if not fixed yet. */
export async function roundInput(reader: BoardReader, election: ElectionRecord, round: number): Promise<CiphertextListFile | null> {
  if (round === 1) {
    if (!election.input) return null;
    const list = packBallots(election, await countedBallots(reader, election));
    return packCiphertextList(election.manifest.group, election.id, election.width, list.count, list.packed);
  }
  return roundOutput(reader, election, round - 1);
}

export async function roundOutput(reader: BoardReader, election: ElectionRecord, round: number): Promise<CiphertextListFile | null> {
  const bytes = await roundBytes(reader, election, round, 'output');
  if (!bytes) return null;
  return packCiphertextList(election.manifest.group, election.id, election.width, election.rounds[round - 1].count, bytes);
}
