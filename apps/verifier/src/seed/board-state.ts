/**
 * The state the seed API builds from the log (docs/api.md §4, docs/transcript.md §2–3, §7): who is
 * a registered author, the peers and their cycles, inbox and outbox messages (with chunked
 * documents), negotiations and consensus. Every part of it is a projection of earlier entries.
 */

export type AuthorKind = 'board' | 'authority' | 'peer' | 'voter';

export interface Author {
  keyId: string;
  publicKey: string;
  kind: AuthorKind;
  /** For a voter credential: its election. */
  election?: string;
  entry: number;
}

export interface Peer {
  id: string;
  publicKey: string;
  sizeMin: number;
  sizeMax: number;
  owners: string[];
  lastCycle: number;
  entry: number;
}

export type CycleStatus = 'OPEN' | 'CLOSED' | 'PROCESSED';

export interface ChunkedDocument {
  count: number;
  /** Indices received so far: 0 … received−1. */
  received: number;
  data: import('../encoding/canonical-json.js').Json[];
  entries: number[];
}

export interface Cycle {
  peer: string;
  id: number;
  status: CycleStatus;
  inbox: number[];
  outbox: number[];
  documents: Map<string, ChunkedDocument>;
  entry: number;
}

export interface Contribution {
  peer: string;
  text: string;
  signature: string;
  entry: number;
}

export interface Negotiation {
  id: string;
  participants: string[];
  contributions: Contribution[];
  latest: Map<string, Contribution>;
  consensus: string | null;
  entry: number;
}

export interface Consensus {
  id: string;
  negotiation: string;
  text: string;
  participants: string[];
  usedBy: number | null;
  entry: number;
}

export class BoardState {
  boardId = '';
  readonly authors = new Map<string, Author>();
  readonly peers = new Map<string, Peer>();
  readonly cycles = new Map<string, Cycle>();
  readonly negotiations = new Map<string, Negotiation>();
  readonly consensus = new Map<string, Consensus>();
  readonly statements = new Set<string>();

  cycle(peer: string, id: number): Cycle | undefined {
    return this.cycles.get(`${peer}/${id}`);
  }

  addCycle(cycle: Cycle): void {
    this.cycles.set(`${cycle.peer}/${cycle.id}`, cycle);
  }

  /** Is the key registered as any author? (Key ids are hashes of the keys: one id, one key.) */
  isRegistered(keyId: string): boolean {
    return this.authors.has(keyId);
  }
}
