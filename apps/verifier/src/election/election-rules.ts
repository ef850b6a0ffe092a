/**
 * Replay of the election entries (docs/transcript.md §10.1–10.8): `election.draft`,
 * `election.state`, `election.credentials`, `election.document`, and the election's hooks on the
 * seed types (ballots in the ballot cycle's inbox, mix rounds in the mix servers' outboxes).
 */
import { canonicalJson, isRecord, parseJson, type Json } from '../encoding/canonical-json.js';
import { isHex, parseHex } from '../encoding/hex.js';
import { fieldsProblem, isInteger } from '../encoding/shape.js';
import { groupByName } from '../crypto/group.js';
import { keyId } from '../log/ed25519.js';
import type { Entry } from '../log/entry.js';
import type { BoardState } from '../seed/board-state.js';
import type { Findings } from '../report/findings.js';
import { applyBallot } from './ballots.js';
import { checkComplaints, checkDeal, checkFinalization, checkIdentity, evaluate, isRejection, type CeremonyContext, type Rejection } from './ceremony.js';
import { ElectionContext } from './context.js';
import { electionWidth, parseManifest } from './manifest.js';
import { applyMixChunk, isMixData } from './mix-rounds.js';
import type { ElectionRecord, ElectionState } from './record.js';
import { fileSignatureHolds, readSignedFile } from './signed-file.js';
import { equation } from '../report/equation.js';
import { applyTransition } from './transitions.js';

export const ELECTION_TYPES = ['election.draft', 'election.state', 'election.credentials', 'election.document'];

const KIND_CHECKS: Record<string, string[]> = {
  'trustee.identity': ['ceremony.file', 'ceremony.identity-proof', 'ceremony.file-signature'],
  'dkg.deal': ['ceremony.file', 'ceremony.file-signature', 'ceremony.deal-proof'],
  'dkg.complaints': ['ceremony.file', 'ceremony.file-signature'],
  'dkg.finalization': ['ceremony.file', 'ceremony.file-signature', 'ceremony.finalization-keys', 'ceremony.finalization-proof'],
};

const ZERO_CONSENSUS = '0'.repeat(64);

const DOCUMENT_STATES: Record<string, ElectionState> = {
  'trustee.identity': 'draft',
  'dkg.deal': 'key-ceremony',
  'dkg.complaints': 'key-ceremony',
  'dkg.finalization': 'key-ceremony',
  'decryption.partial': 'decrypting',
  'election.plaintexts': 'decrypting',
};

export class ElectionRules {
  readonly ctx: ElectionContext;

  constructor(board: BoardState, findings: Findings) {
    this.ctx = new ElectionContext(board, findings);
  }

  get elections(): Map<string, ElectionRecord> {
    return this.ctx.elections;
  }

  /** An election entry type: its rules, signer and effect. */
  apply(entry: Entry): void {
    const p = entry.payload;
    if (entry.type === 'election.draft') return this.draft(entry);
    const r = typeof p.election === 'string' ? this.ctx.elections.get(p.election) : undefined;
    const check = entry.type === 'election.state' ? 'election.transition' : entry.type === 'election.credentials' ? 'election.credentials' : 'election.document';
    if (!r) return void (this.ctx.findings.pass(check), this.ctx.fail(check, entry, 'election names no election'));
    if (entry.signer !== r.manifest.authority) return void (this.ctx.findings.pass(check), this.ctx.fail(check, entry, 'not signed by the election authority\'s peer'));
    if (entry.type === 'election.state') return applyTransition(this.ctx, r, entry);
    if (entry.type === 'election.credentials') return this.credentials(r, entry);
    return this.document(r, entry);
  }

  /** The election's hooks on a seed entry that the seed rules accepted or not. */
  afterSeed(entry: Entry): void {
    const p = entry.payload;
    if (entry.type === 'message.inbox' && typeof p.peer_id === 'string' && isInteger(p.cycle_id)) {
      const election = this.ctx.ballotCycles.get(`${p.peer_id}/${p.cycle_id}`);
      if (election) applyBallot(this.ctx, this.ctx.elections.get(election)!, entry);
    }
    // An outbox message is a chunk of a mix round iff its data has the mix data's exact shape and
    // names an election; any other outbox message is an ordinary one (docs/transcript.md §10.8).
    if (entry.type === 'message.outbox' && isMixData(p.data)) {
      const r = this.ctx.elections.get(p.data.election);
      if (r) applyMixChunk(this.ctx, r, entry);
    }
  }

  private draft(entry: Entry): void {
    const check = 'election.draft';
    this.ctx.findings.pass(check);
    const p = entry.payload;
    const shape = fieldsProblem(p, ['election', 'manifest']);
    if (shape) return void this.ctx.fail(check, entry, shape);
    const manifest = parseManifest(p.manifest);
    if (typeof manifest === 'string') return void this.ctx.fail(check, entry, `manifest: ${manifest}`);
    if (manifest.id !== p.election) return void this.ctx.fail(check, entry, 'manifest.id is not the election id');
    if (this.ctx.elections.has(manifest.id)) return void this.ctx.fail(check, entry, 'an election with this id exists');
    if (manifest.board !== this.ctx.board.boardId) return void this.ctx.fail(check, entry, 'manifest.board is not this board');
    if (manifest.authority !== entry.signer || !this.ctx.board.peers.has(entry.signer)) return void this.ctx.fail(check, entry, 'manifest.authority is not the signer\'s peer id');
    for (const mix of manifest.mixServers) if (!this.ctx.board.peers.has(mix)) return void this.ctx.fail(check, entry, `mix server ${mix} is not a registered peer`);
    this.ctx.elections.set(manifest.id, {
      id: manifest.id, state: 'draft', manifest, group: groupByName(manifest.group)!, width: electionWidth(manifest),
      canonicalManifest: canonicalJson(p.manifest)!, consensusId: null, trustees: [], jointKey: null, jointKeyPoint: null,
      qualified: null, credentials: 0, ballotCycle: null, input: null, rounds: [], tallyEntry: null,
      transitions: new Map([['draft', entry.index]]), identities: new Map(), deals: new Map(), complaints: new Map(),
      finalizations: new Map(), ballots: [], castComponents: new Set(), pendingRound: null, partials: new Map(),
      plaintexts: null, tallied: null,
    });
  }

  private credentials(r: ElectionRecord, entry: Entry): void {
    const check = 'election.credentials';
    this.ctx.findings.pass(check);
    const p = entry.payload;
    const shape = fieldsProblem(p, ['election', 'consensus_id', 'credentials']);
    if (shape) return void this.ctx.fail(check, entry, shape);
    if (p.consensus_id !== r.consensusId) return void this.ctx.fail(check, entry, 'consensus_id is not the election\'s consensus');
    if (r.state !== 'key-ceremony' && r.state !== 'ready') return void this.ctx.fail(check, entry, `credentials while the election is ${r.state}`);
    const list = p.credentials;
    if (!Array.isArray(list) || list.length < 1 || list.length > 1000 || !list.every((c) => isHex(c, 32)) || new Set(list).size !== list.length) {
      return void this.ctx.fail(check, entry, 'credentials is not a list of 1–1,000 distinct 32-byte keys in hex');
    }
    for (const c of list as string[]) {
      const id = keyIdOf(c);
      if (this.ctx.board.isRegistered(id)) {
        this.ctx.fail(check, entry, `credential ${c} is already a registered author`);
        continue;
      }
      this.ctx.board.authors.set(id, { keyId: id, publicKey: c, kind: 'voter', election: r.id, entry: entry.index });
    }
    r.credentials += list.length;
  }

  private document(r: ElectionRecord, entry: Entry): void {
    const check = 'election.document';
    this.ctx.findings.pass(check);
    const p = entry.payload;
    const shape = fieldsProblem(p, ['election', 'consensus_id', 'kind', 'trustee', 'index', 'count', 'data']);
    if (shape) return void this.ctx.fail(check, entry, shape);
    const kind = String(p.kind);
    const allowed = DOCUMENT_STATES[kind];
    if (!allowed) return void this.ctx.fail(check, entry, `unknown document kind ${kind}`);
    if (r.state !== allowed) return void this.ctx.fail(check, entry, `a ${kind} document while the election is ${r.state} (allowed in ${allowed})`);
    const expectedConsensus = kind === 'trustee.identity' ? ZERO_CONSENSUS : r.consensusId;
    if (p.consensus_id !== expectedConsensus) return void this.ctx.fail(check, entry, 'consensus_id is not the election\'s consensus (64 zeros for identities)');
    const n = r.manifest.trustees.count;
    const trustee = p.trustee;
    if (kind === 'election.plaintexts' ? trustee !== 0 : !isInteger(trustee, 1, n)) return void this.ctx.fail(check, entry, `trustee ${String(trustee)} is not valid for ${kind}`);
    if (!isInteger(p.count, 1, 100_000) || !isInteger(p.index, 0, p.count - 1) || typeof p.data !== 'string') return void this.ctx.fail(check, entry, 'not a chunk {index < count ≤ 100,000, data: text}');
    const key = `${r.id}/${kind}/${String(trustee)}`;
    const outcome = this.ctx.documents.add(key, p.index, p.count, p.data);
    if ('refused' in outcome) return void this.ctx.fail(check, entry, `${kind} of trustee ${String(trustee)}: ${outcome.refused}`);
    if ('waiting' in outcome) return;
    const accepted = this.completeDocument(r, entry, kind, trustee as number, outcome.complete);
    if (accepted) this.ctx.documents.accept(key);
    else this.ctx.documents.refuseLast(key);
  }

  /** Checks a complete document by its kind (§10.5); false if the board should have refused it. */
  private completeDocument(r: ElectionRecord, entry: Entry, kind: string, j: number, text: string): boolean {
    const parsed = parseJson(text);
    if (!parsed) return this.ctx.fail('election.document', entry, `the ${kind} document of trustee ${j} is not JSON`);
    const file = parsed.value;
    const cc: CeremonyContext = { group: r.group, manifest: r.manifest, identities: r.identities };
    // Every check this kind of file goes through counts one item, whatever the outcome.
    for (const check of KIND_CHECKS[kind] ?? []) this.ctx.findings.pass(check);
    // Equations that fail are reported and the file taken as posted; a file that does not even
    // have the form of its kind is refused (the board would not have completed the document).
    const report = (r: Rejection) => this.ctx.fail(r.check, entry, r.reason);
    const refused = (result: unknown): boolean => {
      if (!isRejection(result)) return false;
      report(result);
      return true;
    };
    switch (kind) {
      case 'trustee.identity': {
        const identity = checkIdentity(cc, j, file, report);
        if (refused(identity)) return false;
        r.identities.set(j, identity as Exclude<typeof identity, { check: string }>);
        return true;
      }
      case 'dkg.deal': {
        const deal = checkDeal(cc, j, file, report);
        if (refused(deal)) return false;
        r.deals.set(j, deal as Exclude<typeof deal, { check: string }>);
        return true;
      }
      case 'dkg.complaints': {
        const complaints = checkComplaints(cc, j, file, report);
        if (refused(complaints)) return false;
        r.complaints.set(j, complaints as Exclude<typeof complaints, { check: string }>);
        return true;
      }
      case 'dkg.finalization': {
        const evaluation = evaluate(cc, r.deals, [...r.complaints.values()].flat());
        if (refused(checkFinalization(cc, j, file, evaluation, report))) return false;
        r.finalizations.set(j, file);
        return true;
      }
      case 'decryption.partial':
        return this.partialDocument(r, entry, j, file);
      default:
        return this.plaintextsDocument(r, entry, text, file);
    }
  }

  private lastOutput(r: ElectionRecord) {
    return r.rounds[r.rounds.length - 1];
  }

  private partialDocument(r: ElectionRecord, entry: Entry, j: number, file: Json): boolean {
    const check = 'election.partial-decryption';
    this.ctx.findings.pass(check);
    const what = `trustee ${j}'s partial decryption`;
    const f = readSignedFile(file, 'decryption.partial');
    if (typeof f === 'string') return this.ctx.fail(check, entry, `${what}: ${f}`);
    const key = r.identities.get(j)?.signingKey;
    this.ctx.findings.pass('ceremony.file-signature');
    if (!key || !equation('ceremony.file-signature', fileSignatureHolds(f, key))) return this.ctx.fail('ceremony.file-signature', entry, `${what}: the file signature does not verify under the trustee's signing key`);
    const p = f.payload;
    const shape = fieldsProblem(p, ['type', 'election', 'trustee', 'list', 'width', 'count', 'factors', 'proofs']);
    if (shape) return this.ctx.fail(check, entry, `${what}: ${shape}`);
    const last = this.lastOutput(r);
    if (p.election !== r.id || p.trustee !== j) return this.ctx.fail(check, entry, `${what} names another election or trustee`);
    if (!last || p.list !== last.outputHash || p.count !== last.count || p.width !== r.width) return this.ctx.fail(check, entry, `${what}: list, count and width are not those of the last mix output`);
    const factors = parseHex(p.factors, last.count * r.width * r.group.elementLength);
    const proofs = parseHex(p.proofs, last.count * 64);
    if (!factors || !proofs) return this.ctx.fail(check, entry, `${what}: factors is not ${last.count}·${r.width} elements or proofs not ${last.count} proofs of 64 bytes`);
    r.partials.set(j, { trustee: j, entry: entry.index, factors, proofs });
    return true;
  }

  private plaintextsDocument(r: ElectionRecord, entry: Entry, text: string, value: Json): boolean {
    const check = 'election.plaintexts-document';
    this.ctx.findings.pass(check);
    const shape = fieldsProblem(value, ['type', 'election', 'list', 'plaintexts']);
    if (shape || !isRecord(value)) return this.ctx.fail(check, entry, `the plaintexts document: ${shape}`);
    const last = this.lastOutput(r);
    if (value.type !== 'election.plaintexts' || value.election !== r.id) return this.ctx.fail(check, entry, 'the plaintexts document has another type or election');
    if (!last || value.list !== last.outputHash) return this.ctx.fail(check, entry, 'the plaintexts document\'s list is not the last mix output');
    const list = value.plaintexts;
    if (!Array.isArray(list) || list.length !== last.count || !list.every((x) => x === null || isHex(x))) return this.ctx.fail(check, entry, `plaintexts is not ${last.count} items, each hex or null`);
    r.plaintexts = { text, value, entry: entry.index };
    return true;
  }
}

function keyIdOf(hex: string): string {
  return keyId(parseHex(hex)!);
}
