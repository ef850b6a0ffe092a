import type { BoardReader } from '@ostraka/board';
import { fromHex, toHex } from '@ostraka/crypto';
import { ciphertextListHash, type BallotData } from '@ostraka/protocol';
import { SEED_ENTRY_TYPES } from '@ostraka/protocol/log';
import type { ElectionRecord } from './election-record.js';

/** A counted ballot: the last one its credential cast. */
export interface CountedBallot {
  readonly entry: number;
  readonly credential: string;
  readonly ciphertext: string;
}

/**
 * The first mix's input (docs/transcript.md §10.5): of all ballots the board accepted for the
 * election, the last one of each credential, ordered by entry index. Re-voting replaces a ballot;
 * this rule is what the verifier recomputes from the log.
 */
export async function countedBallots(reader: BoardReader, election: ElectionRecord): Promise<CountedBallot[]> {
  const latest = new Map<string, CountedBallot>();
  for (let after: number | undefined = undefined; ; ) {
    const page = await reader.entriesByType({ type: SEED_ENTRY_TYPES.messageInbox, election: election.id, after, limit: 1000 });
    if (page.length === 0) break;
    for (const entry of page) {
      const data = (entry.payload as { data: BallotData }).data;
      latest.delete(data.credential);
      latest.set(data.credential, { entry: entry.index, credential: data.credential, ciphertext: data.ciphertext });
    }
    after = page[page.length - 1].index;
  }
  // A Map iterates in insertion order; deleting before re-inserting keeps it ordered by the last ballot's index.
  return [...latest.values()];
}

export interface PackedList {
  readonly count: number;
  readonly packed: Uint8Array;
  readonly hash: string;
}

export function packBallots(election: ElectionRecord, ballots: readonly CountedBallot[]): PackedList {
  const parts = ballots.map((b) => fromHex(b.ciphertext));
  const length = parts.reduce((n, p) => n + p.length, 0);
  const packed = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    packed.set(p, offset);
    offset += p.length;
  }
  const hash = toHex(ciphertextListHash(election.manifest.group, election.id, election.width, ballots.length, packed));
  return { count: ballots.length, packed, hash };
}
