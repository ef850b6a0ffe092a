/**
 * The key ceremony of ElectionFixture.setUpCeremony, one step at a time, so that an attack can
 * be inserted between any two steps (a rogue deal, a bad identity, a forged finalization). Each
 * step relays the in-process trustees' files exactly as the fixture does.
 */
import { canonicalJson, type ComplaintsFile, type DealFile, type FinalizationFile, type Json } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { generateSigningKey } from '@ostraka/crypto';
import { fileText, InProcessTrustee, ElectionFixture, DEFAULT_QUESTIONS } from '@ostraka/election/testing';
import { peerRegistration, registerPeer } from '@ostraka/election';
import type { ServedBoard } from './served-election.js';

export class StepwiseCeremony {
  deals: DealFile[] = [];
  complaints: ComplaintsFile[] = [];
  finalizations: FinalizationFile[] = [];

  private constructor(readonly fx: ElectionFixture) {}

  /** Peers registered, the draft posted, n trustees created (identities not posted yet). */
  static async draft(board: ServedBoard, id: string, trustees = { threshold: 2, count: 3 }): Promise<StepwiseCeremony> {
    const fx = new ElectionFixture({ boardUrl: board.url, boardAuthority: board.authority, election: id, trustees, mixServers: [generateSigningKey()] });
    const boardId = await fx.client.boardId();
    await registerPeer(fx.client, board.authority, peerRegistration(fx.authorityKey, boardId, 'Election authority', 'AUTHORITY'));
    await registerPeer(fx.client, board.authority, peerRegistration(fx.mixKeys[0], boardId, 'Mix server 1', 'MIXNET'));
    const now = Date.now();
    fx.manifest = {
      id,
      title: `Election ${id}`,
      group: 'ristretto255',
      board: boardId,
      authority: fx.authority.peerId,
      trustees,
      mixServers: [keyId(fx.mixKeys[0].publicKey)],
      questions: [...DEFAULT_QUESTIONS],
      voting: { opens: new Date(now).toISOString(), closes: new Date(now + 86_400_000).toISOString() },
    };
    await fx.authority.postDraft(fx.manifest);
    fx.trustees = Array.from({ length: trustees.count }, (_, k) => new InProcessTrustee(fx.manifest, k + 1, `Trustee ${k + 1}`));
    for (const t of fx.trustees) await registerPeer(fx.client, board.authority, t.registration(boardId));
    return new StepwiseCeremony(fx);
  }

  async postIdentities(): Promise<void> {
    for (const t of this.fx.trustees) await this.fx.authority.relayDocument('trustee.identity', t.index, fileText(t.identity()));
  }

  /** The manifest's negotiation among the authority and the trustees, and the key-ceremony transition. */
  async authorise(): Promise<void> {
    const { fx } = this;
    const board = await fx.client.boardId();
    const text = canonicalJson(fx.manifest as unknown as Json);
    const { negotiationId } = await fx.authority.negotiate(fx.manifest, fx.trustees.map((t) => t.peerId));
    let consensusId = '';
    for (const t of fx.trustees) consensusId = String((await fx.authority.relayContribution(negotiationId, t.approve(board, negotiationId, text, t.index))).id);
    await fx.authority.authorise(negotiationId, consensusId);
    fx.roster = await fx.client.request('GET', `/elections/${fx.id}/roster`);
  }

  /** Every trustee's deal, or `replace(trustee)`'s file instead when it returns one. */
  async postDeals(replace: (t: InProcessTrustee) => DealFile | null = () => null): Promise<void> {
    for (const t of this.fx.trustees) {
      const deal = replace(t) ?? t.deal(this.fx.roster);
      this.deals.push(deal);
      await this.fx.authority.relayDocument('dkg.deal', t.index, fileText(deal));
    }
  }

  async postComplaints(): Promise<void> {
    for (const t of this.fx.trustees) {
      const c = t.receive(this.fx.roster, this.deals);
      this.complaints.push(c);
      await this.fx.authority.relayDocument('dkg.complaints', t.index, fileText(c));
    }
  }

  /** Finalizations of `trustees` (default: all), then `ready` with the joint key they computed. */
  async finalize(trustees: readonly number[] = this.fx.trustees.map((t) => t.index)): Promise<void> {
    let qualified: number[] = [];
    for (const j of trustees) {
      const f = this.fx.trustees[j - 1].finalize(this.fx.roster, this.deals, this.complaints);
      this.finalizations.push(f);
      this.fx.jointKey = f.payload.publicKey;
      qualified = f.payload.qualified;
      await this.fx.authority.relayDocument('dkg.finalization', j, fileText(f));
    }
    await this.fx.authority.transition('ready', { joint_key: this.fx.jointKey, qualified });
  }

  async openVoting(voters: number): Promise<void> {
    await this.fx.registerVoters(voters);
    await this.fx.authority.openVoting();
  }
}
