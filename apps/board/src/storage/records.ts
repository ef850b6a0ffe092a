import type { Json } from '@ostraka/protocol';
import type { LogEntry, SubtreeHash, TreeHead } from '@ostraka/protocol/log';

/** Row shapes the storage interface speaks, independent of the database behind it. */
export interface AuthorRecord {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  /** `board`, `authority`, `peer`, or a kind added by an extension (e.g. `voter`). */
  readonly kind: string;
  readonly entry: number;
}

export interface StoredEntry extends LogEntry {
  readonly leafHash: string;
  readonly election: string | null;
}

/** An entry about to be appended, with what the store indexes it by. */
export interface NewEntry extends LogEntry {
  readonly leafHash: Uint8Array;
  readonly statementHash: Uint8Array;
  readonly election: string | null;
}

export type CycleStatus = 'OPEN' | 'CLOSED' | 'PROCESSED';
export type NegotiationStatus = 'OPEN' | 'AGREED';

export interface PeerRecord {
  readonly peerId: string;
  readonly name: string;
  readonly peerType: string;
  readonly keyType: number;
  readonly keyData: string;
  readonly sizeMin: number;
  readonly sizeMax: number;
  readonly owners: string[];
  readonly consensusId: string | null;
  readonly status: string;
  readonly entry: number;
}

export interface CycleRecord {
  readonly peerId: string;
  readonly cycleId: number;
  readonly status: CycleStatus;
  readonly inboxSize: number;
  readonly outboxSize: number;
  readonly entry: number;
}

export interface ChunkRef {
  readonly doc: string;
  readonly index: number;
  readonly count: number;
}

export interface MessageRecord {
  readonly id: number;
  readonly peerId: string;
  readonly cycleId: number;
  readonly box: 0 | 1;
  readonly sender: string;
  readonly recipient: string;
  readonly data: Json;
  readonly chunk: ChunkRef | null;
}

export interface NegotiationRecord {
  readonly id: string;
  readonly status: NegotiationStatus;
  readonly participants: string[];
  readonly text: string | null;
  readonly creator: string;
  readonly consensusId: string | null;
  readonly contributions: number;
  readonly entry: number;
}

export interface ContributionRecord {
  readonly id: number;
  readonly negotiationId: string;
  readonly peerId: string;
  readonly text: string;
  readonly signature: string;
  readonly seq: number;
}

export interface ConsensusRecord {
  readonly id: string;
  readonly negotiationId: string;
  readonly text: string;
  readonly signings: Record<string, string>;
  readonly entry: number;
  readonly usedBy: number | null;
}

export type { SubtreeHash, TreeHead };
