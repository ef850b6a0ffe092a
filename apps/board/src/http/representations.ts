import type { Receipt } from '../log/commit-queue.js';
import type { ConsensusRecord, ContributionRecord, CycleRecord, MessageRecord, NegotiationRecord, PeerRecord, StoredEntry } from '../storage/records.js';

/** JSON shapes of the API, in the seed's snake_case (docs/api.md). */
export const peerJson = (p: PeerRecord) => ({
  peer_id: p.peerId,
  status: p.status,
  owners: p.owners,
  name: p.name,
  peer_type: p.peerType,
  size_min: p.sizeMin,
  size_max: p.sizeMax,
  key_type: p.keyType,
  consensus_id: p.consensusId,
  key_id: p.peerId,
  key_data: p.keyData,
  entry: p.entry,
});

export const cycleJson = (c: CycleRecord) => ({
  peer_id: c.peerId,
  id: c.cycleId,
  status: c.status,
  size_current: c.inboxSize,
  outbox_size: c.outboxSize,
  entry: c.entry,
});

export const messageJson = (m: MessageRecord) => ({
  box: m.box,
  peer_id: m.peerId,
  cycle_id: m.cycleId,
  id: m.id,
  sender: m.sender,
  recipient: m.recipient,
  data: m.data,
  ...(m.chunk ? { chunk: m.chunk } : {}),
});

export const contributionJson = (c: ContributionRecord) => ({ id: c.id, peer_id: c.peerId, seq: c.seq, text: c.text, signature: c.signature });

export const negotiationJson = (n: NegotiationRecord, contributions: ContributionRecord[]) => ({
  id: n.id,
  status: n.status,
  hash: n.consensusId,
  participants: n.participants,
  creator: n.creator,
  text: n.text,
  contributions: contributions.map(contributionJson),
  entry: n.entry,
});

export const consensusJson = (c: ConsensusRecord) => ({
  id: c.id,
  negotiation_id: c.negotiationId,
  text: c.text,
  signings: c.signings,
  entry: c.entry,
  used_by: c.usedBy,
});

export const entryJson = (e: StoredEntry) => ({
  index: e.index,
  type: e.type,
  signer: e.signer,
  author: e.author,
  payload: e.payload,
  signature: e.signature,
  received: e.received,
  leaf_hash: e.leafHash,
});

/** The reply to every write: the resource id as the seed returns it, and a receipt. */
export const receiptJson = (r: Receipt) => ({
  id: r.id,
  entry: { index: r.index, leaf_hash: r.leafHash },
  tree_head: r.treeHead,
});
