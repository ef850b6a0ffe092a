import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateBoardKey } from '@ostraka/board';
import { BoardClient } from '@ostraka/board/client';
import { toHex, type SigningKey } from '@ostraka/crypto';
import { ElectionAuthority, peerRegistration, registerPeer, tallyElection, type PeerRegistration, type TallyOutcome } from '@ostraka/election';
import { canonicalJson, type CiphertextListFile, type FullManifest, type Question, type RosterFile } from '@ostraka/protocol';
import type { Envelope } from '@ostraka/protocol/log';
import { startBoard, type BoardProcess } from './board-process.js';
import { DemoStepError, ProcessRunner } from './child-processes.js';
import { mapConcurrent } from './concurrency.js';
import { MixServers } from './mix-servers.js';
import type { Bar } from './reporter.js';
import { TrusteeTeam, writeManifest } from './trustee-team.js';

/** The demo found something wrong (a tally that differs from what was cast, a receipt that does not check). */
export class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

export interface ElectionSettings {
  readonly dir: string;
  readonly election: string;
  readonly title: string;
  readonly group: 'ristretto255' | 'p256';
  readonly questions: readonly Question[];
  readonly trustees: { readonly count: number; readonly threshold: number };
  readonly mixServers: number;
  /** scrypt cost of the trustees' keystores; undefined: the trustee tool's default. */
  readonly kdfCost?: number;
  /** Processes run at once for independent steps (trustees, mix server enrolment, receipts). */
  readonly parallel: number;
  readonly extraBoardArgs?: readonly string[];
}

/**
 * One election as the demo runs it, with every party in its own place: a real board process, the
 * trustees' laptops and the mix servers as directories whose tools run as processes, and the
 * demo itself acting as the board authority (registering peers), the election authority (every
 * step over HTTP, relaying the trustees' files) and the credential authority. Each method is a
 * step of docs/election.md §4; `runDemo` calls them in order, the end-to-end tests call them with
 * their own steps in between.
 */
export class DemoElection {
  readonly runner: ProcessRunner;
  readonly client: BoardClient;
  readonly authority: ElectionAuthority;
  readonly trustees: TrusteeTeam;
  readonly mixServers: MixServers;
  readonly transfer: string;
  manifest!: FullManifest;
  roster!: RosterFile;
  jointKey = '';
  finalList: CiphertextListFile | null = null;
  /** Told of each step within a phase (the demo prints them under the phase's line). */
  onStep: (text: string) => void = () => {};
  private mixRegistrations: PeerRegistration[] = [];

  private constructor(
    readonly settings: ElectionSettings,
    readonly board: BoardProcess,
    runner: ProcessRunner,
    readonly boardAuthority: SigningKey,
    authorityKey: SigningKey,
  ) {
    this.runner = runner;
    this.client = new BoardClient(board.url);
    this.authority = new ElectionAuthority(this.client, authorityKey, settings.election);
    this.transfer = join(settings.dir, 'transfer');
    this.trustees = new TrusteeTeam(runner, join(settings.dir, 'trustees'), this.transfer, settings.trustees.count, { kdfCost: settings.kdfCost, parallel: settings.parallel });
    this.mixServers = new MixServers(runner, join(settings.dir, 'mix-servers'), settings.mixServers);
  }

  /**
   * Makes the board authority's and the election authority's keys (files of mode 0600 in the
   * output directory) and starts a board process on a new database, whose own key it generates.
   */
  static async start(settings: ElectionSettings): Promise<DemoElection> {
    const dir = settings.dir;
    for (const d of ['board', 'authority', 'transfer', 'logs', 'trustees', 'mix-servers']) mkdirSync(join(dir, d), { recursive: true });
    const runner = new ProcessRunner(join(dir, 'logs'));
    const boardAuthority = loadOrCreateBoardKey(join(dir, 'board', 'board-authority.key')).key;
    const authorityKey = loadOrCreateBoardKey(join(dir, 'authority', 'election-authority.key')).key;
    const board = await startBoard(runner, {
      db: join(dir, 'board', 'board.sqlite'),
      keyFile: join(dir, 'board', 'board.key'),
      authorityKey: toHex(boardAuthority.publicKey),
      extraArgs: settings.extraBoardArgs,
    });
    return new DemoElection(settings, board, runner, boardAuthority, authorityKey);
  }

  get id(): string {
    return this.settings.election;
  }

  /** Everything before the key ceremony: peers, the draft, the trustees' identities, the authorisation. */
  async setUp(): Promise<void> {
    await this.registerPeers();
    await this.postDraft();
    await this.authorise();
  }

  /** Registers the election authority and the mix servers (enrolled by their own tool) as peers. */
  async registerPeers(): Promise<void> {
    const boardId = await this.client.boardId();
    await registerPeer(this.client, this.boardAuthority, peerRegistration(this.authority.key, boardId, 'Election authority', 'AUTHORITY'));
    this.onStep(`mix servers: ostraka board keygen, ostraka mix enroll (${this.mixServers.hosts.length} servers)`);
    this.mixRegistrations = await this.mixServers.enroll(this.board.url, this.settings.parallel);
    for (const registration of this.mixRegistrations) await registerPeer(this.client, this.boardAuthority, registration);
  }

  /** The manifest, posted as the draft and handed to the trustees. */
  async postDraft(): Promise<void> {
    const s = this.settings;
    const now = Date.now();
    this.manifest = {
      id: s.election,
      title: s.title,
      group: s.group,
      board: await this.client.boardId(),
      authority: this.authority.peerId,
      trustees: { threshold: s.trustees.threshold, count: s.trustees.count },
      mixServers: this.mixRegistrations.map((r) => r.key_id),
      questions: [...s.questions],
      voting: { opens: new Date(now).toISOString(), closes: new Date(now + 86_400_000).toISOString() },
    };
    await this.authority.postDraft(this.manifest);
    writeManifest(this.transfer, await this.client.request('GET', `/elections/${this.id}/manifest`));
  }

  /**
   * The trustees make their identities and registration requests; the board authority registers
   * them; the election authority relays the identities, opens the negotiation on the manifest,
   * relays each trustee's approval, and authorises the election with the consensus.
   */
  async authorise(): Promise<void> {
    this.onStep(`trustees: ostraka trustee init, enroll (${this.trustees.laptops.length} laptops)`);
    await this.trustees.initAndEnroll();
    for (const t of this.trustees.laptops) {
      await registerPeer(this.client, this.boardAuthority, JSON.parse(this.trustees.registration(t)));
      await this.authority.relayDocument('trustee.identity', t.index, this.trustees.identity(t));
    }
    const trusteePeers = this.trustees.laptops.map((t) => (JSON.parse(this.trustees.registration(t)) as { key_id: string }).key_id);
    const { negotiationId } = await this.authority.negotiate(this.manifest, trusteePeers);
    this.onStep(`trustees: ostraka trustee approve (negotiation ${negotiationId.slice(0, 12)}…)`);
    await this.trustees.approve(negotiationId);
    let consensusId = '';
    for (const t of this.trustees.laptops) consensusId = String((await this.authority.relayContribution(negotiationId, JSON.parse(this.trustees.approval(t)) as Envelope)).id);
    if (!/^[0-9a-f]{64}$/.test(consensusId)) throw new DemoStepError(`the negotiation did not reach a consensus after every trustee's approval (last reply: ${consensusId})`);
    await this.authority.authorise(negotiationId, consensusId);
  }

  /** Downloads a complete document from the board into the transfer directory. */
  private async download(kind: string, trustee: number, name: string): Promise<string> {
    const doc = await this.client.request('GET', `/elections/${this.id}/documents/${kind}/${trustee}`);
    const path = join(this.transfer, name);
    writeFileSync(path, JSON.stringify(doc) + '\n');
    return path;
  }

  /** Relays one file of each listed trustee, the trustees' documents in parallel (each one's chunks in order). */
  private async relayAll(kind: 'dkg.deal' | 'dkg.complaints' | 'dkg.finalization' | 'decryption.partial', file: (index: number) => string, trustees: readonly number[]): Promise<void> {
    await mapConcurrent(trustees, trustees.length, async (j) => {
      await this.authority.relayDocument(kind, j, this.trustees.fileText(this.trustees.laptops[j - 1], file(j)));
    });
  }

  /** Deal, receive, finalize with the trustee tool, every file relayed through the board; then `ready` with the joint key. */
  async keyCeremony(): Promise<void> {
    this.roster = await this.client.request('GET', `/elections/${this.id}/roster`);
    writeFileSync(join(this.transfer, 'roster.json'), JSON.stringify(this.roster, null, 2) + '\n');
    const all = this.trustees.laptops.map((t) => t.index);
    this.onStep('trustees: ostraka trustee dkg deal');
    await this.trustees.deal();
    await this.relayAll('dkg.deal', (j) => `deal-${j}.json`, all);
    const deals = await Promise.all(all.map((j) => this.download('dkg.deal', j, `deal-${j}.json`)));
    this.onStep('trustees: ostraka trustee dkg receive');
    await this.trustees.receive(deals);
    await this.relayAll('dkg.complaints', (j) => `complaints-${j}.json`, all);
    const complaints = await Promise.all(all.map((j) => this.download('dkg.complaints', j, `complaints-${j}.json`)));
    this.onStep('trustees: ostraka trustee dkg finalize');
    await this.trustees.finalize([...deals, ...complaints]);
    await this.relayAll('dkg.finalization', (j) => `finalization-${j}.json`, all);
    const finalizations = all.map((j) => JSON.parse(this.trustees.fileText(this.trustees.laptops[j - 1], `finalization-${j}.json`)) as { payload: { publicKey: string; qualified: number[] } });
    const keys = new Set(finalizations.map((f) => canonicalJson({ key: f.payload.publicKey, qualified: f.payload.qualified })));
    if (keys.size !== 1) throw new DemoFailure('the trustees finalized different election keys');
    this.jointKey = finalizations[0].payload.publicKey;
    await this.authority.transition('ready', { joint_key: this.jointKey, qualified: finalizations[0].payload.qualified });
  }

  /** Closes the ballot cycle and fixes the ballot box as the first mix's input. */
  async closeVoting(): Promise<CiphertextListFile> {
    await this.authority.closeVoting();
    return this.authority.startMixing();
  }

  /** `decrypting` once every round's proof verifies: the final list, handed to the trustees on the transfer stick. */
  async startDecrypting(bar?: (step: string) => Bar): Promise<CiphertextListFile> {
    const bars = barPerStep(bar, 'ciphertexts');
    const list = await this.authority.startDecrypting({ onProgress: bars.onProgress });
    bars.finish();
    this.finalList = list;
    writeFileSync(join(this.transfer, 'list.json'), JSON.stringify(list) + '\n');
    return list;
  }

  /** The trustees present decrypt the final list with the trustee tool (in parallel); their files are relayed. */
  async trusteesDecrypt(present: readonly number[], workers: number, bar?: Bar): Promise<void> {
    if (!this.finalList) throw new Error('decryption has not started');
    this.onStep(`trustees ${present.join(', ')}: ostraka trustee decrypt --expect-hash ${this.finalList.hash.slice(0, 12)}…`);
    await this.trustees.decrypt(present, this.finalList.hash, workers, (done, total) => bar?.update(done, total, 'partial decryptions'));
    bar?.done(`${present.length} × ${this.finalList.count} partial decryptions with proofs`);
    this.onStep('relaying the partial decryptions');
    await this.relayAll('decryption.partial', (j) => `partial-decryption-${j}.json`, present);
  }

  /**
   * Combines the partial decryptions (checking every proof used, on all cores), publishes the
   * plaintexts and the tally; a progress bar per step (each trustee's proofs, the combination).
   */
  async tally(bar?: (step: string) => Bar): Promise<TallyOutcome> {
    const bars = barPerStep(bar, 'ballots');
    const outcome = await tallyElection(this.authority, { onProgress: bars.onProgress });
    bars.finish();
    return outcome;
  }

  /** Writes the transcript with `ostraka board export`, as any auditor would. */
  async exportTranscript(out: string): Promise<void> {
    await this.runner.run('export', ['board', 'export', '--election', this.id, '--out', out, '--board', this.board.url]);
  }

  /** Stops every process the demo started, the board last (it drains its queued writes). */
  async stop(): Promise<void> {
    await this.runner.stopAll('SIGTERM', 5000, [this.board.process]);
    await this.board.stop();
  }
}

/** A bar per step of a long call's progress, each finished when the next step starts. */
function barPerStep(bar: ((step: string) => Bar) | undefined, unit: string) {
  let current: { step: string; bar?: Bar } | null = null;
  return {
    onProgress: ({ step, done, total }: { step: string; done: number; total: number }): void => {
      if (current?.step !== step) {
        current?.bar?.done();
        current = { step, bar: bar?.(step) };
      }
      current.bar?.update(done, total, unit);
    },
    finish: (): void => (current as { bar?: Bar } | null)?.bar?.done(),
  };
}
