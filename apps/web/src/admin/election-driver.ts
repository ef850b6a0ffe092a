import { BoardHttpError } from '@ostraka/board/client';
import { generateCredentialCode, credentialKey } from '@ostraka/client';
import { CeremonyFailedError, fromHex, groupByName, toHex, type Group } from '@ostraka/crypto';
import { ElectionAuthority, tallyElection, registerPeer, peerRegistration, type ElectionStatus, type TallyOutcome } from '@ostraka/election';
import {
  canonicalJson,
  complaintsFileSchema,
  dealFileSchema,
  evaluateCeremonyFiles,
  openComplaints,
  openDeal,
  openRoster,
  parseWith,
  rosterSchema,
  type FullManifest,
  type CiphertextListFile,
  type Json,
  type PeerRegistration,
  type RosterFile,
} from '@ostraka/protocol';
import { keyId, type Envelope } from '@ostraka/protocol/log';
import { managedElection, recordElection, setNegotiation } from '../admin-store/managed-elections.js';
import type { WebServices } from '../services.js';
import { manifestFromForm, type ElectionFormValues } from './manifest-form.js';
import { ElectionJobs, type ElectionJobsView } from './election-jobs.js';
import type { UploadedFile } from './uploaded-file.js';

/** An administrator's action that cannot be taken now; the message says why, for the page. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 409,
  ) {
    super(message);
  }
}

/** The most codes one request generates (each costs a key derivation; larger rolls take several requests). */
export const MAX_CREDENTIALS_PER_REQUEST = 10_000;

export interface CeremonyOutcomeView {
  readonly qualified: number[];
  readonly disqualified: { dealer: number; reason: string }[];
  readonly voidComplaints: { dealer: number; recipient: number; reason: string }[];
  readonly jointKey: string;
}

/** What the board says about one trustee's progress. */
export interface TrusteeView {
  readonly index: number;
  readonly name: string | null;
  readonly fingerprint: string | null;
  readonly peer: string | null;
  readonly registered: boolean;
  readonly approved: boolean;
  readonly posted: Record<string, boolean>;
  /** Dealers this trustee complained about. */
  readonly complainedAbout: number[];
}

export interface CeremonyView {
  readonly status: ElectionStatus;
  readonly trustees: TrusteeView[];
  readonly negotiation: { id: string; status: string; contributions: number; consensus: string | null } | null;
  /** The outcome from the deals and complaints so far, or why there is none yet. */
  readonly outcome: CeremonyOutcomeView | { pending: string };
}

const KIND_OF_DOC: Record<string, string> = {
  'trustee.identity': 'identity',
  'dkg.deal': 'deal',
  'dkg.complaints': 'complaints',
  'dkg.finalization': 'finalization',
  'decryption.partial': 'partial decryption',
};

/**
 * The election authority's steps, taken by the admin on an administrator's behalf, each through
 * `ElectionAuthority` with the authority key the admin holds: the same calls as the end-to-end
 * test and the demo. Steps on one election run one at a time (two administrators clicking at once
 * cannot open two negotiations).
 */
export class ElectionDriver {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly tallies = new ElectionJobs<TallyOutcome>('tally');
  private readonly decryptionStarts = new ElectionJobs<CiphertextListFile>('check of the mix rounds');

  constructor(private readonly s: WebServices) {}

  get authorityPeer(): string {
    return keyId(this.s.electionAuthority.publicKey);
  }

  /** Whether the admin's board authority key is the board's (else peers cannot be registered from here). */
  get holdsBoardAuthority(): boolean {
    return toHex(this.s.board.identity.authorityKey) === toHex(this.s.boardAuthority.publicKey);
  }

  authority(election: string): ElectionAuthority {
    return new ElectionAuthority(this.s.client, this.s.electionAuthority, election);
  }

  /** Runs `step` after every earlier step on the same election. */
  serialize<T>(election: string, step: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(election) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(election, settled);
    void settled.then(() => {
      if (this.queues.get(election) === settled) this.queues.delete(election);
    });
    return next;
  }

  status(election: string): Promise<ElectionStatus> {
    return this.authority(election).status().catch((e: unknown) => {
      if (e instanceof BoardHttpError && e.status === 404) throw new ActionError(`no election "${election}" on this board`, 404);
      throw e;
    });
  }

  /** Whether this admin runs the election (its authority key is the manifest's authority). */
  runs(status: ElectionStatus): boolean {
    return status.manifest.authority === this.authorityPeer;
  }

  async requireRun(election: string): Promise<ElectionStatus> {
    const status = await this.status(election);
    if (!this.runs(status)) throw new ActionError(`election "${election}" is run by another authority (${status.manifest.authority}); this admin can only watch it`, 403);
    return status;
  }

  async registerPeer(r: PeerRegistration): Promise<string> {
    if (await this.s.board.reader.peer(r.key_id)) return `peer "${r.name}" (${r.peer_type}, ${r.key_id}) is already registered`;
    if (!this.holdsBoardAuthority)
      throw new ActionError("this admin does not hold the board's authority key, so it cannot register peers: import it with `ostraka admin authority-key --import FILE`", 403);
    // Only the ballot box (the authority) receives inbox messages; other peers only post to outboxes.
    const size = r.peer_type === 'AUTHORITY' ? { min: 0, max: 1_000_000_000 } : { min: 0, max: 0 };
    await registerPeer(this.s.client, this.s.boardAuthority, r, size);
    return `registered peer "${r.name}" (${r.peer_type}, ${r.key_id})`;
  }

  async createElection(values: ElectionFormValues, username: string): Promise<{ manifest: FullManifest } | { errors: string[] }> {
    const board = this.s.board.identity.id;
    const result = manifestFromForm(values, { board, authority: this.authorityPeer });
    if (!result.manifest) return { errors: result.errors };
    const manifest = result.manifest;
    const errors: string[] = [];
    for (const [k, peer] of manifest.mixServers.entries()) {
      const record = await this.s.board.reader.peer(peer);
      if (!record) errors.push(`mix server ${k + 1} (${peer}) is not a registered peer`);
    }
    if (errors.length) return { errors };
    return this.serialize(manifest.id, async () => {
      if (!(await this.s.board.reader.peer(this.authorityPeer)))
        await this.registerPeer(peerRegistration(this.s.electionAuthority, board, 'Election authority (web admin)', 'AUTHORITY'));
      try {
        await this.authority(manifest.id).postDraft(manifest);
      } catch (e) {
        if (e instanceof BoardHttpError && e.status < 500) return { errors: [`the board refused the draft: ${e.message}`] };
        throw e;
      }
      recordElection(this.s.db, manifest.id, username, this.s.clock);
      return { manifest };
    });
  }

  /** Relays one uploaded file; returns what was done, for the page. */
  async relay(election: string | null, file: UploadedFile): Promise<string[]> {
    if (file.kind === 'registration') return [await this.registerPeer(file.registration)];
    if (election === null) throw new ActionError('upload trustee files on the election’s ceremony page', 400);
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (file.kind === 'trustee-file') {
        if (file.election !== election) throw new ActionError(`is a file of election "${file.election}", not "${election}"`, 400);
        if (file.trustee < 1 || file.trustee > status.manifest.trustees.count) throw new ActionError(`names trustee ${file.trustee}, but the election has ${status.manifest.trustees.count}`, 400);
        let text: string;
        try {
          text = canonicalJson(JSON.parse(file.text) as Json);
        } catch (e) {
          throw new ActionError(`is not a well-formed file (${(e as Error).message})`, 400);
        }
        await this.authority(election).relayDocument(file.type, file.trustee, text);
        return [`relayed trustee ${file.trustee}'s ${KIND_OF_DOC[file.type]}`, ...(await this.advanceUnlocked(election))];
      }
      const managed = managedElection(this.s.db, election);
      if (!managed?.negotiationId) throw new ActionError('no negotiation is open on this election yet: every trustee must be registered and have posted an identity', 409);
      if (file.negotiationId !== managed.negotiationId) throw new ActionError(`is an approval of negotiation ${file.negotiationId}, but this election's is ${managed.negotiationId}`, 400);
      if (file.text !== canonicalJson(status.manifest as unknown as Json)) throw new ActionError("approves another text than this election's manifest", 400);
      const negotiation = await this.s.board.reader.negotiation(managed.negotiationId);
      if (negotiation && file.seq !== negotiation.contributions)
        throw new ActionError(
          `was made with --seq ${file.seq}, but the negotiation has ${negotiation.contributions} contributions: the trustee must approve again with --seq ${negotiation.contributions}`,
          409,
        );
      const receipt = await this.authority(election).relayContribution(managed.negotiationId, file.envelope as unknown as Envelope);
      const messages = [`relayed the approval of peer ${file.signer}`];
      if (receipt.id !== null) messages.push(`every participant approved: consensus ${String(receipt.id)}`);
      return [...messages, ...(await this.advanceUnlocked(election))];
    });
  }

  /** Takes the automatic steps that are due (open the negotiation, authorise); returns what was done. */
  advance(election: string): Promise<string[]> {
    return this.serialize(election, () => this.advanceUnlocked(election));
  }

  private async advanceUnlocked(election: string): Promise<string[]> {
    const status = await this.status(election);
    const managed = managedElection(this.s.db, election);
    if (status.state !== 'draft' || !managed || !this.runs(status)) return [];
    const authority = this.authority(election);
    if (!managed.negotiationId) {
      if (status.documents['trustee.identity'].length < status.manifest.trustees.count) return [];
      const roster = await this.s.client.request<RosterFile>('GET', `/elections/${election}/roster`);
      const peers = roster.trustees.map((t) => keyId(fromHex(t.payload.signingKey)));
      for (const peer of peers) if (!(await this.s.board.reader.peer(peer))) return [];
      const { negotiationId } = await authority.negotiate(status.manifest, peers);
      setNegotiation(this.s.db, election, negotiationId);
      return [`every trustee is registered and identified: opened the negotiation ${negotiationId} on the manifest`];
    }
    const negotiation = await this.s.board.reader.negotiation(managed.negotiationId);
    if (negotiation?.status !== 'AGREED' || !negotiation.consensusId) return [];
    await authority.authorise(managed.negotiationId, negotiation.consensusId);
    return ['the manifest is agreed: the key ceremony has started'];
  }

  async ceremony(election: string): Promise<CeremonyView> {
    const status = await this.status(election);
    const manifest = status.manifest;
    const n = manifest.trustees.count;
    let roster: RosterFile | null = null;
    try {
      roster = await this.s.client.request<RosterFile>('GET', `/elections/${election}/roster`);
    } catch (e) {
      if (!(e instanceof BoardHttpError && e.status === 404)) throw e;
    }
    const identities = new Map<number, { name: string; fingerprint: string; peer: string }>();
    for (let j = 1; j <= n; j++) {
      if (!status.documents['trustee.identity'].includes(j)) continue;
      const doc = await this.s.client.request<{ payload: { name: string; fingerprint: string; signingKey: string } }>('GET', `/elections/${election}/documents/trustee.identity/${j}`);
      identities.set(j, { name: doc.payload.name, fingerprint: doc.payload.fingerprint, peer: keyId(fromHex(doc.payload.signingKey)) });
    }
    const managed = managedElection(this.s.db, election);
    const negotiationRecord = managed?.negotiationId ? await this.s.board.reader.negotiation(managed.negotiationId) : null;
    const contributors = new Set(negotiationRecord ? (await this.s.board.reader.contributions(negotiationRecord.id)).map((c) => c.peerId) : []);
    const complaintsBy = new Map<number, number[]>();
    for (const j of status.documents['dkg.complaints'] ?? []) {
      const doc = await this.s.client.request<unknown>('GET', `/elections/${election}/documents/dkg.complaints/${j}`);
      complaintsBy.set(j, parseWith(complaintsFileSchema, doc).payload.complaints.map((c) => c.dealer));
    }
    const trustees: TrusteeView[] = [];
    for (let j = 1; j <= n; j++) {
      const id = identities.get(j) ?? null;
      const posted: Record<string, boolean> = {};
      for (const kind of ['trustee.identity', 'dkg.deal', 'dkg.complaints', 'dkg.finalization', 'decryption.partial']) posted[kind] = (status.documents[kind] ?? []).includes(j);
      trustees.push({
        index: j,
        name: id?.name ?? null,
        fingerprint: id?.fingerprint ?? null,
        peer: id?.peer ?? null,
        registered: id ? (await this.s.board.reader.peer(id.peer)) !== null : false,
        approved: id ? contributors.has(id.peer) : false,
        posted,
        complainedAbout: complaintsBy.get(j) ?? [],
      });
    }
    return {
      status,
      trustees,
      negotiation: negotiationRecord
        ? { id: negotiationRecord.id, status: negotiationRecord.status, contributions: negotiationRecord.contributions, consensus: negotiationRecord.consensusId }
        : null,
      outcome: roster ? await this.outcome(election, manifest, roster, status) : { pending: 'not every trustee has posted an identity' },
    };
  }

  private async outcome(election: string, manifest: FullManifest, rosterFile: RosterFile, status: ElectionStatus): Promise<CeremonyOutcomeView | { pending: string }> {
    const n = manifest.trustees.count;
    const dealers = status.documents['dkg.deal'] ?? [];
    if (dealers.length === 0) return { pending: 'no deal yet' };
    const group = groupByName(manifest.group) as Group<unknown>;
    const roster = openRoster(group, manifest, parseWith(rosterSchema, rosterFile));
    const deals = [];
    for (const j of dealers) deals.push(openDeal(roster, parseWith(dealFileSchema, await this.s.client.request('GET', `/elections/${election}/documents/dkg.deal/${j}`))));
    const complaints = [];
    for (const j of status.documents['dkg.complaints'] ?? [])
      complaints.push(...openComplaints(roster, parseWith(complaintsFileSchema, await this.s.client.request('GET', `/elections/${election}/documents/dkg.complaints/${j}`))));
    try {
      const r = evaluateCeremonyFiles(roster, deals, complaints);
      return {
        qualified: [...r.qualified],
        disqualified: r.disqualified.map((d) => ({ dealer: d.dealer, reason: d.reason })),
        voidComplaints: r.voidComplaints.map((v) => ({ dealer: v.dealer, recipient: v.recipient, reason: v.reason })),
        jointKey: toHex(group.encode(r.publicKey)),
      };
    } catch (e) {
      if (e instanceof CeremonyFailedError) return { pending: `${e.message} (${dealers.length} of ${n} deals posted)` };
      throw e;
    }
  }

  async declareReady(election: string): Promise<string> {
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'key-ceremony') throw new ActionError(`the election is ${status.state}, not in its key ceremony`);
      const view = await this.ceremony(election);
      if ('pending' in view.outcome) throw new ActionError(`the ceremony has no outcome yet: ${view.outcome.pending}`);
      const finalized = status.documents['dkg.finalization'] ?? [];
      if (finalized.length < status.manifest.trustees.threshold)
        throw new ActionError(`${finalized.length} trustees have finalized; at least ${status.manifest.trustees.threshold} must`);
      await this.authority(election).transition('ready', { joint_key: view.outcome.jointKey, qualified: view.outcome.qualified });
      return `the election key is ready (qualified dealers ${view.outcome.qualified.join(', ')})`;
    });
  }

  /**
   * Draws `count` secret codes, registers their public credentials, and returns the codes: they
   * exist only in this answer (the admin stores none), so the administrator downloads them once.
   */
  async generateCredentials(election: string, count: number): Promise<string[]> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_CREDENTIALS_PER_REQUEST)
      throw new ActionError(`generate between 1 and ${MAX_CREDENTIALS_PER_REQUEST} codes at a time`, 400);
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'key-ceremony' && status.state !== 'ready') throw new ActionError(`credentials are registered before voting opens (the election is ${status.state})`);
      const codes: string[] = [];
      const publics: string[] = [];
      for (let i = 0; i < count; i++) {
        const code = generateCredentialCode();
        codes.push(code);
        publics.push(toHex(credentialKey(election, code).publicKey));
        // Derivations are CPU work on the board's event loop: let other requests through.
        if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      }
      await this.authority(election).registerCredentials(publics);
      return codes;
    });
  }

  openVoting(election: string): Promise<string> {
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'ready') throw new ActionError(`voting opens when the key is ready (the election is ${status.state})`);
      if (status.credentials === 0) throw new ActionError('generate the voters’ credentials before opening voting');
      const cycle = await this.authority(election).openVoting();
      return `voting is open (ballot box cycle ${cycle})`;
    });
  }

  closeVoting(election: string): Promise<string> {
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'voting-open') throw new ActionError(`voting is not open (the election is ${status.state})`);
      await this.authority(election).closeVoting();
      return 'voting is closed';
    });
  }

  startMixing(election: string): Promise<string> {
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'voting-closed') throw new ActionError(`mixing starts after voting closes (the election is ${status.state})`);
      const list = await this.authority(election).startMixing();
      return `mixing started: ${list.count} ballots in the ballot box (list ${list.hash})`;
    });
  }

  /**
   * Checks every mix round's proof in the background (the authority's `startDecrypting`), then
   * publishes the final list; a round that fails shows on the election page, and nothing is posted.
   */
  startDecrypting(election: string, describe: (e: unknown) => string | null): Promise<string> {
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'mixing' || status.rounds.length < status.manifest.mixServers.length)
        throw new ActionError(`decryption starts when every mix round is complete (the election is ${status.state}, ${status.rounds.length} of ${status.manifest.mixServers.length} rounds)`);
      if (this.decryptionStarts.isRunning(election)) throw new ActionError('the mix rounds are being checked: the progress shows on the election page');
      this.decryptionStarts.start(election, (onProgress) => this.serialize(election, () => this.authority(election).startDecrypting({ onProgress })), describe);
      return `checking the proofs of the ${status.rounds.length} mix rounds before decryption: the progress shows below, and the election moves to decrypting when every one verifies`;
    });
  }

  /**
   * Starts the tally in the background (tally-jobs.ts) once its preconditions hold, and says so;
   * what it finds (a rejected partial decryption, too few valid ones) shows on the election page.
   */
  startTally(election: string, describe: (e: unknown) => string | null): Promise<string> {
    return this.serialize(election, async () => {
      const status = await this.requireRun(election);
      if (status.state !== 'decrypting') throw new ActionError(`the tally follows decryption (the election is ${status.state})`);
      if (this.tallies.isRunning(election)) throw new ActionError('the tally is already running: its progress shows on the election page');
      const partials = status.documents['decryption.partial'] ?? [];
      if (partials.length < status.manifest.trustees.threshold)
        throw new ActionError(`${partials.length} partial decryptions are posted; at least ${status.manifest.trustees.threshold} are needed`);
      // Queued behind this step: no other action on the election runs until the tally ends.
      this.tallies.start(election, (onProgress) => this.serialize(election, () => tallyElection(this.authority(election), { onProgress })), describe);
      return `the tally has started with ${partials.length} partial decryptions: every proof is checked, then they are combined; its progress shows below`;
    });
  }

  /** The background steps this admin started for the election, for its live status. */
  jobsOf(election: string): ElectionJobsView {
    return { decryptionStart: this.decryptionStarts.get(election), tally: this.tallies.get(election) };
  }
}
