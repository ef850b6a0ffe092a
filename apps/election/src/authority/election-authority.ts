import type { BoardClient, WriteReceipt } from '@ostraka/board/client';
import type { SigningKey } from '@ostraka/crypto';
import {
  canonicalJson,
  ELECTION_ENTRY_TYPES,
  type CiphertextListFile,
  type DocumentKind,
  type FullManifest,
  type Json,
  type StatePayload,
} from '@ostraka/protocol';
import { keyId, type Envelope, type JsonObject } from '@ostraka/protocol/log';
import type { ElectionRecord } from '../election-record.js';
import { chunkText } from './chunks.js';
import { checkMixRounds, type MixCheckProgress } from './mix-check.js';

/** The election's status as `GET /elections/:id` serves it. */
export type ElectionStatus = Omit<ElectionRecord, 'draft_entry'> & {
  ballots_cast: number;
  /** The mix round being posted: its mix server's cycle and the chunks posted so far. */
  round_in_progress: {
    round: number;
    peer: string;
    cycle: number;
    output: { posted: number; count: number };
    proof: { posted: number; count: number };
  } | null;
  documents: Record<string, number[]>;
  tree_head: { size: number; root: string; timestamp: number; signature: string; board: string };
};

type Transition<S extends StatePayload['state']> = Omit<Extract<StatePayload, { state: S }>, 'election' | 'consensus_id' | 'state'>;

/**
 * The election authority's side of an election, over HTTP (docs/election.md §4): every step the
 * authority takes, signed with its peer key. The web admin, the demo and the tests drive an
 * election through it; it holds no secret of anyone else.
 */
export class ElectionAuthority {
  readonly peerId: string;

  constructor(
    readonly client: BoardClient,
    readonly key: SigningKey,
    readonly election: string,
  ) {
    this.peerId = keyId(key.publicKey);
  }

  status(): Promise<ElectionStatus> {
    return this.client.request('GET', `/elections/${this.election}`);
  }

  async consensusId(): Promise<string> {
    const s = await this.status();
    if (!s.consensus_id) throw new Error(`election "${this.election}" is not authorised yet`);
    return s.consensus_id;
  }

  postDraft(manifest: FullManifest): Promise<WriteReceipt> {
    return this.client.write(this.key, `/log/entries/${ELECTION_ENTRY_TYPES.draft}`, ELECTION_ENTRY_TYPES.draft, {
      election: this.election,
      manifest: manifest as unknown as Json,
    });
  }

  /**
   * Relays a file (a trustee's, or the plaintexts) as an `election.document`, in chunks that fit
   * the board's request cap; returns the receipt of the last chunk.
   */
  async relayDocument(kind: DocumentKind, trustee: number, text: string): Promise<WriteReceipt> {
    const info = await this.client.info();
    // JSON escaping can grow a text (quotes become \"), so a chunk uses at most a third of the cap.
    const pieces = chunkText(text, Math.max(1024, Math.floor(info.limits.max_body_bytes / 3) - 2048));
    const consensus_id = kind === 'trustee.identity' ? '0'.repeat(64) : await this.consensusId();
    let receipt: WriteReceipt | undefined;
    for (let index = 0; index < pieces.length; index++)
      receipt = await this.client.write(this.key, `/log/entries/${ELECTION_ENTRY_TYPES.document}`, ELECTION_ENTRY_TYPES.document, {
        election: this.election,
        consensus_id,
        kind,
        trustee,
        index,
        count: pieces.length,
        data: pieces[index],
      });
    return receipt as WriteReceipt;
  }

  /** Opens the manifest's negotiation among the authority and the trustees, and contributes the manifest. */
  async negotiate(manifest: FullManifest, trusteePeers: readonly string[]): Promise<{ negotiationId: string; receipt: WriteReceipt }> {
    const text = canonicalJson(manifest as unknown as Json);
    const created = await this.client.createNegotiation(this.key, [this.peerId, ...trusteePeers], text, `election:${this.election}`);
    const negotiationId = String(created.id);
    return { negotiationId, receipt: await this.client.contribute(this.key, negotiationId, text, 0) };
  }

  /** Relays a contribution a trustee signed offline (`ostraka trustee approve`). */
  relayContribution(negotiationId: string, envelope: Envelope): Promise<WriteReceipt> {
    return this.client.request('POST', `/negotiations/${negotiationId}`, envelope);
  }

  async transition<S extends StatePayload['state']>(state: S, fields: Transition<S>, consensusId?: string): Promise<WriteReceipt> {
    const payload = { election: this.election, consensus_id: consensusId ?? (await this.consensusId()), state, ...fields } as unknown as JsonObject;
    return this.client.write(this.key, `/log/entries/${ELECTION_ENTRY_TYPES.state}`, ELECTION_ENTRY_TYPES.state, payload);
  }

  authorise(negotiationId: string, consensusId: string): Promise<WriteReceipt> {
    return this.transition('key-ceremony', { negotiation_id: negotiationId }, consensusId);
  }

  /**
   * Registers public credentials, up to 1,000 per entry and as many as fit the board's request
   * cap (about 70 bytes each in the body, 4 KiB kept for the envelope).
   */
  async registerCredentials(credentials: readonly string[], onProgress?: (done: number) => void): Promise<void> {
    const consensus_id = await this.consensusId();
    const info = await this.client.info();
    const perEntry = Math.max(1, Math.min(1000, Math.floor((info.limits.max_body_bytes - 4096) / 80)));
    for (let i = 0; i < credentials.length; i += perEntry) {
      await this.client.write(this.key, `/log/entries/${ELECTION_ENTRY_TYPES.credentials}`, ELECTION_ENTRY_TYPES.credentials, {
        election: this.election,
        consensus_id,
        credentials: credentials.slice(i, i + perEntry),
      });
      onProgress?.(Math.min(credentials.length, i + perEntry));
    }
  }

  /** Creates the next cycle of the authority's peer and opens voting on it. */
  async openVoting(): Promise<number> {
    const cycles = await this.client.request<{ id: number }[]>('GET', `/peers/${this.peerId}/cycles`);
    const cycleId = cycles.reduce((m, c) => Math.max(m, c.id), 0) + 1;
    await this.client.openCycle(this.key, cycleId);
    await this.transition('voting-open', { cycle_id: cycleId });
    return cycleId;
  }

  async closeVoting(): Promise<void> {
    const status = await this.status();
    if (status.ballot_cycle === null) throw new Error('voting was never opened');
    await this.client.updateCycle(this.key, status.ballot_cycle, 'close');
    await this.transition('voting-closed', {});
  }

  /** Fixes the ballot box as the first mix's input. */
  async startMixing(): Promise<CiphertextListFile> {
    const list = await this.ballotBox();
    await this.transition('mixing', { ballots: list.count, input_hash: list.hash });
    return list;
  }

  /** The ballot box as the board computes it (before `mixing`: the would-be input). */
  ballotBox(): Promise<CiphertextListFile> {
    return this.client.request('GET', `/elections/${this.election}/ballot-box`);
  }

  finalList(): Promise<CiphertextListFile> {
    return this.client.request('GET', `/elections/${this.election}/final-list`);
  }

  /**
   * Publishes the final list for the trustees, once every mix round's proof verifies: the list
   * posted is the one checked (mix-check.ts: a MixRoundInvalidError names the round, and nothing
   * is posted). `checkRounds: false` is for tests that play an authority skipping the check.
   */
  async startDecrypting(options: { workers?: number; onProgress?: (p: MixCheckProgress) => void; checkRounds?: boolean } = {}): Promise<CiphertextListFile> {
    const list = options.checkRounds === false ? await this.finalList() : await checkMixRounds(this, options);
    await this.transition('decrypting', { ciphertexts: list.count, output_hash: list.hash });
    return list;
  }
}
