/**
 * The election's state `R` of docs/transcript.md §10.1, plus what the verifier keeps to check the
 * later phases (ceremony files, ballots, mix rounds, decryption documents).
 */
import type { Json } from '../encoding/canonical-json.js';
import type { Group, Point } from '../crypto/group.js';
import type { Complaint, Deal, Identity } from './ceremony.js';
import type { Manifest } from './manifest.js';

export const STATES = ['draft', 'key-ceremony', 'ready', 'voting-open', 'voting-closed', 'mixing', 'decrypting', 'tallied'] as const;
export type ElectionState = (typeof STATES)[number];

export interface Ballot {
  entry: number;
  /** The credential's key id (the signer). */
  credential: string;
  credentialKey: Uint8Array;
  ciphertext: Uint8Array;
  proof: Uint8Array;
  tracker: string;
}

export interface ListInfo {
  hash: string;
  count: number;
}

export interface MixRound {
  round: number;
  peer: string;
  cycle: number;
  inputHash: string;
  output: Uint8Array;
  proof: Uint8Array;
  outputHash: string;
  count: number;
  /** Entries of its chunks (output then proof), for the report. */
  entries: number[];
}

export interface PendingRound {
  peer: string;
  cycle: number;
  output: string[] | null;
  proof: string[] | null;
  entries: number[];
}

export interface PartialDecryptionDoc {
  trustee: number;
  entry: number;
  factors: Uint8Array;
  proofs: Uint8Array;
}

export interface DocumentText {
  text: string;
  value: Json;
  entry: number;
}

export interface ElectionRecord {
  id: string;
  state: ElectionState;
  manifest: Manifest;
  group: Group;
  width: number;
  canonicalManifest: string;
  consensusId: string | null;
  trustees: string[];
  jointKey: string | null;
  jointKeyPoint: Point | null;
  qualified: number[] | null;
  credentials: number;
  ballotCycle: number | null;
  input: ListInfo | null;
  rounds: MixRound[];
  tallyEntry: number | null;
  /** Entry index of each transition (state → entry), for the report. */
  transitions: Map<ElectionState, number>;

  identities: Map<number, Identity>;
  deals: Map<number, Deal>;
  complaints: Map<number, Complaint[]>;
  /** Finalization files by trustee (each valid when posted; re-checked at `ready`). */
  finalizations: Map<number, Json>;
  ballots: Ballot[];
  /** Hex encodings of every a_j cast so far (copies and replays, §10.6). */
  castComponents: Set<string>;
  pendingRound: PendingRound | null;
  partials: Map<number, PartialDecryptionDoc>;
  plaintexts: DocumentText | null;
  tallied: { decryptions: number[]; plaintextsHash: string; tally: Json; entry: number } | null;
}
