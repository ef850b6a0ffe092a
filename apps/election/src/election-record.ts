import { BoardError, type BoardReader, type BoardWriter } from '@ostraka/board';
import type { Json } from '@ostraka/protocol';
import type { ElectionState, FullManifest } from '@ostraka/protocol';

/** A completed mix round: the list hash and size of its output. */
export interface RoundRecord {
  readonly output_hash: string;
  readonly count: number;
  readonly peer: string;
  readonly cycle: number;
}

/**
 * What the board remembers of an election (kv scope `election`), rebuilt by anyone from the
 * election's entries: the verifier recomputes all of it.
 */
export interface ElectionRecord {
  readonly id: string;
  readonly state: ElectionState;
  readonly manifest: FullManifest;
  readonly width: number;
  readonly draft_entry: number;
  readonly consensus_id: string | null;
  /** Peer ids of the trustees, trustee j at j − 1 (the negotiation's participants after the authority). */
  readonly trustees: string[] | null;
  readonly joint_key: string | null;
  readonly qualified: number[] | null;
  readonly credentials: number;
  readonly ballot_cycle: number | null;
  readonly input: { hash: string; count: number } | null;
  readonly rounds: RoundRecord[];
  readonly tally_entry: number | null;
  /** The entry of each state transition, by state. */
  readonly transitions: Partial<Record<ElectionState, number>>;
}

export const ELECTION_SCOPE = 'election';

export async function readElection(reader: BoardReader, id: string): Promise<ElectionRecord | null> {
  return (await reader.kvGet(ELECTION_SCOPE, id)) as ElectionRecord | null;
}

export async function requireElection(reader: BoardReader, id: string): Promise<ElectionRecord> {
  const election = await readElection(reader, id);
  if (!election) throw new BoardError(404, 'NOT_FOUND', `no election "${id}" on this board`);
  return election;
}

export async function writeElection(state: BoardWriter, record: ElectionRecord, entry: number): Promise<void> {
  await state.kvPut(ELECTION_SCOPE, record.id, record as unknown as Json, entry);
}

/** Refuses (409) unless the election is in one of `states`. */
export function requireState(election: ElectionRecord, states: readonly ElectionState[], what: string): void {
  if (!states.includes(election.state))
    throw new BoardError(409, 'WRONG_STATE', `${what} is not allowed while election "${election.id}" is ${election.state} (allowed: ${states.join(', ')})`);
}

/** Refuses (409) an entry that names another consensus than the one that authorised the election. */
export function requireConsensus(election: ElectionRecord, consensusId: string): void {
  if (election.consensus_id === null) throw new BoardError(409, 'WRONG_STATE', `election "${election.id}" is not authorised yet`);
  if (consensusId !== election.consensus_id)
    throw new BoardError(409, 'CONFLICT', `the entry names consensus ${consensusId}, but election "${election.id}" was authorised by ${election.consensus_id}`);
}
