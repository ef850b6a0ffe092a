import { BoardClient } from '@ostraka/board/client';
import { castBallot, createBallot, credentialKey, generateCredentialCode, type Receipt } from '@ostraka/client';
import { csprng, generateSigningKey, toHex, type RandomSource, type SigningKey } from '@ostraka/crypto';
import {
  canonicalJson,
  type Answer,
  type CiphertextListFile,
  type ComplaintsFile,
  type DealFile,
  type FullManifest,
  type Json,
  type Question,
  type RosterFile,
} from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { ElectionAuthority } from '../authority/election-authority.js';
import { peerRegistration, registerPeer } from '../authority/registration.js';
import { fileText, InProcessTrustee } from './in-process-trustee.js';

export interface FixtureOptions {
  readonly boardUrl: string;
  /** The board authority's key (the board's `--authority-key`), to register peers. */
  readonly boardAuthority: SigningKey;
  readonly election?: string;
  readonly group?: 'ristretto255' | 'p256';
  readonly trustees?: { threshold: number; count: number };
  /** Mix server keys (registered as peers); default: one fresh key. */
  readonly mixServers?: readonly SigningKey[];
  readonly questions?: readonly Question[];
  /** Trustee j's deal carries a bad share for trustee `to`. */
  readonly cheatingDealer?: { dealer: number; to: number };
  readonly rng?: RandomSource;
}

export const DEFAULT_QUESTIONS: Question[] = [
  { kind: 'plurality', id: 'mayor', title: 'Mayor', candidates: ['Ada', 'Bo', 'Cy'], allowBlank: true },
  { kind: 'approval', id: 'council', title: 'Council', candidates: ['D', 'E', 'F', 'G'], minChoices: 0, maxChoices: 2 },
  { kind: 'ranked', id: 'budget', title: 'Budget priorities', candidates: ['Parks', 'Roads', 'Schools'], minRanks: 1, maxRanks: 3 },
  { kind: 'write-in', id: 'motto', title: 'Town motto', maxLength: 53 },
];

/**
 * An election on a running board, driven by the authority's library with in-process trustees
 * (tests and benchmarks; the demo uses the real trustee tool). `prepare()` takes it to
 * `voting-open`; then `vote`, `close`, and after mixing `decrypt`.
 */
export class ElectionFixture {
  readonly client: BoardClient;
  readonly authorityKey: SigningKey;
  readonly authority: ElectionAuthority;
  readonly mixKeys: readonly SigningKey[];
  readonly rng: RandomSource;
  trustees: InProcessTrustee[] = [];
  manifest!: FullManifest;
  roster!: RosterFile;
  jointKey = '';
  credentials = new Map<string, SigningKey>();

  constructor(readonly options: FixtureOptions) {
    this.client = new BoardClient(options.boardUrl);
    this.rng = options.rng ?? csprng;
    this.authorityKey = generateSigningKey(this.rng);
    this.authority = new ElectionAuthority(this.client, this.authorityKey, options.election ?? 'test-election');
    this.mixKeys = options.mixServers ?? [generateSigningKey(this.rng)];
  }

  get id(): string {
    return this.authority.election;
  }

  /** Peers, draft, identities, negotiation, key ceremony, credentials, voting open. */
  async prepare(voters: number): Promise<void> {
    await this.setUpCeremony();
    await this.registerVoters(voters);
    await this.authority.openVoting();
  }

  async setUpCeremony(): Promise<void> {
    const o = this.options;
    const board = await this.client.boardId();
    await registerPeer(this.client, o.boardAuthority, peerRegistration(this.authorityKey, board, 'Election authority', 'AUTHORITY'));
    for (const [k, key] of this.mixKeys.entries()) await registerPeer(this.client, o.boardAuthority, peerRegistration(key, board, `Mix server ${k + 1}`, 'MIXNET'));
    const { threshold, count } = o.trustees ?? { threshold: 2, count: 3 };
    const now = Date.now();
    this.manifest = {
      id: this.id,
      title: `Election ${this.id}`,
      group: o.group ?? 'ristretto255',
      board,
      authority: this.authority.peerId,
      trustees: { threshold, count },
      mixServers: this.mixKeys.map((k) => keyId(k.publicKey)),
      questions: [...(o.questions ?? DEFAULT_QUESTIONS)],
      voting: { opens: new Date(now).toISOString(), closes: new Date(now + 86_400_000).toISOString() },
    };
    await this.authority.postDraft(this.manifest);
    this.trustees = Array.from({ length: count }, (_, k) => new InProcessTrustee(this.manifest, k + 1, `Trustee ${k + 1}`, this.rng));
    for (const t of this.trustees) {
      await registerPeer(this.client, o.boardAuthority, t.registration(board));
      await this.authority.relayDocument('trustee.identity', t.index, fileText(t.identity()));
    }
    const text = canonicalJson(this.manifest as unknown as Json);
    const { negotiationId } = await this.authority.negotiate(this.manifest, this.trustees.map((t) => t.peerId));
    let consensusId = '';
    for (const t of this.trustees) consensusId = String((await this.authority.relayContribution(negotiationId, t.approve(board, negotiationId, text, t.index))).id);
    await this.authority.authorise(negotiationId, consensusId);

    this.roster = await this.client.request('GET', `/elections/${this.id}/roster`);
    const deals: DealFile[] = [];
    for (const t of this.trustees) {
      const deal = t.deal(this.roster, o.cheatingDealer?.dealer === t.index ? o.cheatingDealer.to : undefined);
      deals.push(deal);
      await this.authority.relayDocument('dkg.deal', t.index, fileText(deal));
    }
    const complaints: ComplaintsFile[] = [];
    for (const t of this.trustees) {
      const c = t.receive(this.roster, deals);
      complaints.push(c);
      await this.authority.relayDocument('dkg.complaints', t.index, fileText(c));
    }
    let qualified: number[] = [];
    for (const t of this.trustees) {
      const f = t.finalize(this.roster, deals, complaints);
      this.jointKey = f.payload.publicKey;
      qualified = f.payload.qualified;
      await this.authority.relayDocument('dkg.finalization', t.index, fileText(f));
    }
    await this.authority.transition('ready', { joint_key: this.jointKey, qualified });
  }

  async registerVoters(voters: number): Promise<string[]> {
    const codes = Array.from({ length: voters }, () => generateCredentialCode(this.rng));
    for (const code of codes) this.credentials.set(code, credentialKey(this.id, code));
    await this.authority.registerCredentials(codes.map((c) => toHex(this.credentials.get(c)!.publicKey)));
    return codes;
  }

  /** Casts the answers with the credential of `code`; resolves with the receipt. */
  async vote(code: string, answers: readonly Answer[]): Promise<Receipt> {
    const status = await this.authority.status();
    const key = this.credentials.get(code) ?? credentialKey(this.id, code);
    const ballot = createBallot(this.manifest, this.jointKey, answers, key, this.rng);
    return castBallot(this.options.boardUrl, { id: this.id, authority: this.authority.peerId, ballotCycle: status.ballot_cycle as number }, ballot, key);
  }

  async closeAndStartMixing(): Promise<CiphertextListFile> {
    await this.authority.closeVoting();
    return this.authority.startMixing();
  }

  /**
   * After mixing: decrypting (every round's proof checked first, unless `checkRounds` is false: an
   * authority that skips the check), then the partial decryptions of `trustees` (default: all), relayed.
   */
  async decrypt(trustees: readonly number[] = this.trustees.map((t) => t.index), cheating: readonly number[] = [], options: { checkRounds?: boolean } = {}): Promise<void> {
    const list = await this.authority.startDecrypting(options);
    for (const j of trustees) {
      const file = this.trustees[j - 1].decrypt(list, cheating.includes(j));
      await this.authority.relayDocument('decryption.partial', j, fileText(file));
    }
  }
}
