/**
 * Replay of the seed API (docs/api.md §4, docs/transcript.md §3.4, §7): for each entry of a seed
 * type, the rules the board applied when it accepted the write, then its effect on the state.
 * A broken rule is a failure naming the entry; the effect is still applied where it can be, so
 * that one bad entry does not hide the checks of the others.
 */
import { canonicalJson, isRecord, type Json } from '../encoding/canonical-json.js';
import { utf8, domainFrame } from '../encoding/bytes.js';
import { sha256 } from '../encoding/hash.js';
import { parseHex, toHex } from '../encoding/hex.js';
import { fieldsProblem, isInteger, isText } from '../encoding/shape.js';
import { keyId, verifyDomainSignature } from '../log/ed25519.js';
import type { Entry } from '../log/entry.js';
import type { Findings } from '../report/findings.js';
import { equation } from '../report/equation.js';
import type { BoardState, Cycle, Negotiation } from './board-state.js';

export const SEED_TYPES = ['peer.create', 'cycle.create', 'cycle.update', 'message.inbox', 'message.outbox', 'negotiation.create', 'negotiation.contribute'];

const PEER_TYPE = /^[A-Za-z0-9_.-]{1,64}$/;

export class SeedRules {
  constructor(
    private readonly state: BoardState,
    private readonly findings: Findings,
  ) {}

  apply(entry: Entry): void {
    switch (entry.type) {
      case 'peer.create':
        return this.peerCreate(entry);
      case 'cycle.create':
        return this.cycleCreate(entry);
      case 'cycle.update':
        return this.cycleUpdate(entry);
      case 'message.inbox':
      case 'message.outbox':
        return this.message(entry);
      case 'negotiation.create':
        return this.negotiationCreate(entry);
      case 'negotiation.contribute':
        return this.contribute(entry);
    }
  }

  private fail(check: string, entry: Entry, detail: string): void {
    this.findings.fail(check, `${entry.type}: ${detail}`, entry.place);
  }

  private peerCreate(entry: Entry): void {
    const check = 'api.peer-create';
    const p = entry.payload;
    this.findings.pass(check);
    const shape = fieldsProblem(p, ['operation', 'resource', 'key_data', 'key_id', 'key_type', 'name', 'peer_type', 'size_min', 'size_max', 'key_proof'], ['consensus_id']);
    if (shape) return this.fail(check, entry, shape);
    if (p.operation !== 'create' || p.resource !== 'peer') return this.fail(check, entry, 'operation/resource are not create/peer');
    const key = parseHex(p.key_data, 32);
    if (!key) return this.fail(check, entry, 'key_data is not a 32-byte key in hex');
    if (p.key_id !== keyId(key)) return this.fail(check, entry, 'key_id is not the key id of key_data');
    if (p.key_type !== 1) return this.fail(check, entry, 'key_type is not 1 (Ed25519)');
    if (!isText(p.name, 1, 128)) return this.fail(check, entry, 'name is not 1–128 characters');
    if (typeof p.peer_type !== 'string' || !PEER_TYPE.test(p.peer_type)) return this.fail(check, entry, 'peer_type is not 1–64 of A-Z a-z 0-9 _ . -');
    if (!isInteger(p.size_min) || !isInteger(p.size_max) || p.size_min > p.size_max) return this.fail(check, entry, 'size_min and size_max are not integers with 0 ≤ size_min ≤ size_max');
    const proof = parseHex(p.key_proof, 64);
    const possession = utf8(canonicalJson({ board: this.state.boardId, key_id: p.key_id })!);
    this.findings.expect('api.key-proof', equation('api.key-proof', !!proof && verifyDomainSignature(key, 'ostraka-key-possession-v1', possession, proof)), 'peer.create: key_proof is not the new key\'s signature of its possession statement', entry.place);
    if (this.state.isRegistered(p.key_id)) return this.fail(check, entry, 'the key is already registered');

    let owners: string[] = [];
    const signer = this.state.authors.get(entry.signer);
    if (p.consensus_id === undefined) {
      if (signer?.kind !== 'authority') return this.fail(check, entry, 'signed neither by the authority nor by consensus');
    } else {
      const consensus = typeof p.consensus_id === 'string' ? this.state.consensus.get(p.consensus_id) : undefined;
      if (!consensus) return this.fail(check, entry, 'consensus_id names no consensus');
      const prescription = canonicalJson({
        operation: 'create', resource: 'peer', key_data: p.key_data, key_id: p.key_id, key_type: p.key_type,
        name: p.name, peer_type: p.peer_type, size_min: p.size_min, size_max: p.size_max,
      });
      if (consensus.text !== prescription) return this.fail(check, entry, 'the consensus text is not this peer\'s prescription');
      if (!consensus.participants.includes(entry.signer)) return this.fail(check, entry, 'the signer is not a participant of the consensus');
      if (consensus.usedBy !== null) return this.fail(check, entry, `the consensus was used already (entry ${consensus.usedBy})`);
      consensus.usedBy = entry.index;
      owners = [...consensus.participants];
    }
    this.state.authors.set(p.key_id, { keyId: p.key_id, publicKey: p.key_data as string, kind: 'peer', entry: entry.index });
    this.state.peers.set(p.key_id, { id: p.key_id, publicKey: p.key_data as string, sizeMin: p.size_min, sizeMax: p.size_max, owners, lastCycle: 0, entry: entry.index });
  }

  private ownPeer(entry: Entry, check: string): string | null {
    const p = entry.payload;
    if (typeof p.peer_id !== 'string' || !this.state.peers.has(p.peer_id)) {
      this.fail(check, entry, 'peer_id names no peer');
      return null;
    }
    if (p.peer_id !== entry.signer) {
      this.fail(check, entry, 'signed by another key than the peer\'s');
      return null;
    }
    return p.peer_id;
  }

  private cycleCreate(entry: Entry): void {
    const check = 'api.cycle';
    const p = entry.payload;
    this.findings.pass(check);
    const shape = fieldsProblem(p, ['operation', 'resource', 'peer_id', 'cycle_id']);
    if (shape) return this.fail(check, entry, shape);
    if (p.operation !== 'create' || p.resource !== 'cycle') return this.fail(check, entry, 'operation/resource are not create/cycle');
    const peerId = this.ownPeer(entry, check);
    if (!peerId) return;
    const peer = this.state.peers.get(peerId)!;
    if (p.cycle_id !== peer.lastCycle + 1) this.fail(check, entry, `cycle_id ${String(p.cycle_id)} is not the peer's next cycle id ${peer.lastCycle + 1}`);
    if (!isInteger(p.cycle_id, 1)) return;
    peer.lastCycle = Math.max(peer.lastCycle, p.cycle_id);
    this.state.addCycle({ peer: peerId, id: p.cycle_id, status: 'OPEN', inbox: [], outbox: [], documents: new Map(), entry: entry.index });
  }

  private cycleUpdate(entry: Entry): void {
    const check = 'api.cycle';
    const p = entry.payload;
    this.findings.pass(check);
    const shape = fieldsProblem(p, ['operation', 'action', 'resource', 'peer_id', 'cycle_id']);
    if (shape) return this.fail(check, entry, shape);
    if (p.operation !== 'action' || p.resource !== 'cycle') return this.fail(check, entry, 'operation/resource are not action/cycle');
    const peerId = this.ownPeer(entry, check);
    if (!peerId) return;
    const cycle = isInteger(p.cycle_id) ? this.state.cycle(peerId, p.cycle_id) : undefined;
    if (!cycle) return this.fail(check, entry, 'cycle_id names no cycle of the peer');
    if (p.action === 'close') {
      if (cycle.status !== 'OPEN') this.fail(check, entry, `close of a ${cycle.status} cycle`);
      const min = this.state.peers.get(peerId)!.sizeMin;
      if (cycle.inbox.length < min) this.fail(check, entry, `close with ${cycle.inbox.length} inbox messages, fewer than size_min ${min}`);
      cycle.status = 'CLOSED';
    } else if (p.action === 'process') {
      if (cycle.status !== 'CLOSED') this.fail(check, entry, `process of a ${cycle.status} cycle`);
      for (const [doc, d] of cycle.documents) if (d.received < d.count) this.fail(check, entry, `process while outbox document ${doc} is incomplete (${d.received} of ${d.count} chunks)`);
      cycle.status = 'PROCESSED';
    } else this.fail(check, entry, 'action is neither close nor process');
  }

  private message(entry: Entry): void {
    const inbox = entry.type === 'message.inbox';
    const check = inbox ? 'api.inbox' : 'api.outbox';
    const p = entry.payload;
    this.findings.pass(check);
    const shape = fieldsProblem(p, ['operation', 'resource', 'sender', 'recipient', 'peer_id', 'cycle_id', 'box', 'data'], inbox ? ['nonce'] : ['nonce', 'chunk']);
    if (shape) return this.fail(check, entry, shape);
    if (p.operation !== 'create' || p.resource !== 'message') return this.fail(check, entry, 'operation/resource are not create/message');
    if (p.box !== (inbox ? 0 : 1)) return this.fail(check, entry, `box is not ${inbox ? 0 : 1}`);
    if (p.sender !== entry.signer) return this.fail(check, entry, 'sender is not the signer');
    if (p.nonce !== undefined && !isText(p.nonce, 1, 128)) return this.fail(check, entry, 'nonce is not 1–128 characters');
    if (typeof p.peer_id !== 'string' || !this.state.peers.has(p.peer_id)) return this.fail(check, entry, 'peer_id names no peer');
    const cycle = isInteger(p.cycle_id) ? this.state.cycle(p.peer_id, p.cycle_id) : undefined;
    if (!cycle) return this.fail(check, entry, 'cycle_id names no cycle of the peer');
    if (inbox) {
      if (p.recipient !== p.peer_id) return this.fail(check, entry, 'recipient is not the peer');
      if (cycle.status !== 'OPEN') this.fail(check, entry, `inbox message to a ${cycle.status} cycle`);
      const max = this.state.peers.get(p.peer_id)!.sizeMax;
      if (cycle.inbox.length >= max) this.fail(check, entry, `inbox message beyond size_max ${max}`);
      cycle.inbox.push(entry.index);
      return;
    }
    if (p.peer_id !== entry.signer) return this.fail(check, entry, 'outbox message not signed by the peer');
    if (!isText(p.recipient, 1, 128)) return this.fail(check, entry, 'recipient is not 1–128 characters');
    if (cycle.status !== 'CLOSED') this.fail(check, entry, `outbox message to a ${cycle.status} cycle`);
    cycle.outbox.push(entry.index);
    if (p.chunk !== undefined) this.chunk(entry, cycle, p.chunk, p.data);
  }

  private chunk(entry: Entry, cycle: Cycle, chunk: Json, data: Json): void {
    const check = 'api.chunks';
    this.findings.pass(check);
    const shape = fieldsProblem(chunk, ['doc', 'index', 'count']);
    if (shape || !isRecord(chunk)) return this.fail(check, entry, `chunk: ${shape}`);
    const { doc, index, count } = chunk;
    if (!isText(doc, 1, 64) || !isInteger(count, 1) || !isInteger(index, 0, count - 1)) return this.fail(check, entry, 'chunk is not {doc: 1–64 characters, index < count, count ≥ 1}');
    const current = cycle.documents.get(doc);
    const expected = current ? current.received : 0;
    if (index !== expected || (current && current.count !== count) || (current && current.received === current.count)) {
      this.fail(check, entry, `chunk ${index} of ${count} of document ${doc} out of order (expected ${current && current.received === current.count ? 'no more chunks: the document is complete' : `chunk ${expected}${current ? ` of ${current.count}` : ''}`})`);
      return;
    }
    if (!current) cycle.documents.set(doc, { count, received: 1, data: [data], entries: [entry.index] });
    else {
      current.received++;
      current.data.push(data);
      current.entries.push(entry.index);
    }
  }

  private negotiationCreate(entry: Entry): void {
    const check = 'api.negotiation';
    const p = entry.payload;
    this.findings.pass(check);
    const shape = fieldsProblem(p, ['operation', 'resource', 'participants'], ['text', 'nonce']);
    if (shape) return this.fail(check, entry, shape);
    if (p.operation !== 'create' || p.resource !== 'negotiation') return this.fail(check, entry, 'operation/resource are not create/negotiation');
    const participants = p.participants;
    if (!Array.isArray(participants) || participants.length < 1 || participants.length > 256) return this.fail(check, entry, 'participants is not a list of 1–256 peers');
    if (new Set(participants).size !== participants.length) return this.fail(check, entry, 'participants are not distinct');
    if (!participants.every((id) => typeof id === 'string' && this.state.peers.has(id))) return this.fail(check, entry, 'a participant is not a registered peer');
    if (p.text !== undefined && typeof p.text !== 'string') return this.fail(check, entry, 'text is not a string');
    if (p.nonce !== undefined && !isText(p.nonce, 1, 128)) return this.fail(check, entry, 'nonce is not 1–128 characters');
    const id = entry.leaf_hash;
    this.state.negotiations.set(id, { id, participants: participants as string[], contributions: [], latest: new Map(), consensus: null, entry: entry.index });
  }

  private contribute(entry: Entry): void {
    const check = 'api.negotiation';
    const p = entry.payload;
    this.findings.pass(check);
    const shape = fieldsProblem(p, ['operation', 'action', 'resource', 'negotiation_id', 'text', 'signature', 'seq']);
    if (shape) return this.fail(check, entry, shape);
    if (p.operation !== 'action' || p.action !== 'contribute' || p.resource !== 'negotiation') return this.fail(check, entry, 'operation/action/resource are not action/contribute/negotiation');
    const negotiation = typeof p.negotiation_id === 'string' ? this.state.negotiations.get(p.negotiation_id) : undefined;
    if (!negotiation) return this.fail(check, entry, 'negotiation_id names no negotiation');
    if (typeof p.text !== 'string') return this.fail(check, entry, 'text is not a string');
    if (!negotiation.participants.includes(entry.signer)) return this.fail(check, entry, 'the signer is not a participant');
    if (negotiation.consensus !== null) return this.fail(check, entry, 'contribution to an agreed negotiation');
    if (p.seq !== negotiation.contributions.length) this.fail(check, entry, `seq ${String(p.seq)} is not the number of earlier contributions (${negotiation.contributions.length})`);
    const signature = parseHex(p.signature, 64);
    const signed = utf8(canonicalJson({ board: this.state.boardId, negotiation_id: negotiation.id, text: p.text })!);
    const key = parseHex(this.state.peers.get(entry.signer)!.publicKey)!;
    this.findings.expect('api.text-signature', equation('api.text-signature', !!signature && verifyDomainSignature(key, 'ostraka-negotiation-text-v1', signed, signature)), 'negotiation.contribute: the text signature does not verify', entry.place);
    const contribution = { peer: entry.signer, text: p.text, signature: p.signature as string, entry: entry.index };
    negotiation.contributions.push(contribution);
    negotiation.latest.set(entry.signer, contribution);
    this.maybeAgree(negotiation);
  }

  private maybeAgree(negotiation: Negotiation): void {
    if (negotiation.latest.size !== negotiation.participants.length) return;
    const texts = new Set([...negotiation.latest.values()].map((c) => c.text));
    if (texts.size !== 1) return;
    const text = [...texts][0];
    const signings: Record<string, string> = {};
    for (const [peer, c] of negotiation.latest) signings[peer] = c.signature;
    const message = utf8(canonicalJson({ board: this.state.boardId, negotiation_id: negotiation.id, signings, text })!);
    const id = toHex(sha256(domainFrame('ostraka-consensus-v1', message)));
    negotiation.consensus = id;
    this.state.consensus.set(id, { id, negotiation: negotiation.id, text, participants: [...negotiation.participants], usedBy: null, entry: negotiation.contributions[negotiation.contributions.length - 1].entry });
  }
}

