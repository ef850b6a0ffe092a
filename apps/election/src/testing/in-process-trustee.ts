import {
  combineShares,
  concatBytes,
  createComplaint,
  createDeal,
  csprng,
  encodeSchnorrProof,
  evaluatePolynomial,
  generateSigningKey,
  groupByName,
  partialDecrypt,
  proveKeyShare,
  randomPolynomial,
  receiveShare,
  type Group,
  type RandomSource,
  type SigningKey,
} from '@ostraka/crypto';
import {
  canonicalJson,
  createIdentity,
  decodeCiphertextRange,
  evaluateCeremonyFiles,
  openCiphertextList,
  openDeal,
  openRoster,
  parseWith,
  rosterSchema,
  signComplaints,
  signDeal,
  signFinalization,
  signPartialDecryptions,
  type CiphertextListFile,
  type ComplaintsFile,
  type DealFile,
  type ElectionManifest,
  type FinalizationFile,
  type IdentityFile,
  type PartialDecryptionFile,
  type RosterFile,
  openComplaints,
  complaintsFileSchema,
  dealFileSchema,
  type Json,
} from '@ostraka/protocol';
import { keyId, signEnvelope, signNegotiationText, SEED_ENTRY_TYPES, type Envelope } from '@ostraka/protocol/log';
import { peerRegistration, type PeerRegistration } from '../authority/registration.js';

/**
 * A trustee that runs in the test process: the same library calls as the trustee tool, without
 * the keystore, the files and the air gap. For tests and benchmarks only; an election's trustees
 * use `ostraka trustee` on their own laptops.
 */
export class InProcessTrustee {
  readonly signingKey: SigningKey;
  readonly group: Group<unknown>;
  private readonly shareSecret: bigint;
  private coefficients: bigint[] | null = null;
  private keyShare: bigint | null = null;
  private verificationKey: unknown = null;

  constructor(
    readonly manifest: ElectionManifest,
    readonly index: number,
    readonly name = `Trustee ${index}`,
    private readonly rng: RandomSource = csprng,
  ) {
    this.group = groupByName(manifest.group) as Group<unknown>;
    this.signingKey = generateSigningKey(rng);
    this.shareSecret = this.group.scalars.randomNonZero(rng);
  }

  get peerId(): string {
    return keyId(this.signingKey.publicKey);
  }

  registration(board: string): PeerRegistration {
    return peerRegistration(this.signingKey, board, this.name, 'TRUSTEE');
  }

  identity(): IdentityFile {
    return createIdentity(this.group, { election: this.manifest.id, trustee: this.index, name: this.name, signingKey: this.signingKey, shareSecret: this.shareSecret }, this.rng);
  }

  /** The negotiation contribution `ostraka trustee approve` makes: the envelope to relay. */
  approve(board: string, negotiationId: string, text: string, seq: number): Envelope {
    return signEnvelope(this.signingKey, board, SEED_ENTRY_TYPES.negotiationContribute, {
      operation: 'action',
      action: 'contribute',
      resource: 'negotiation',
      negotiation_id: negotiationId,
      text,
      signature: signNegotiationText(this.signingKey, board, negotiationId, text),
      seq,
    });
  }

  private roster(file: RosterFile) {
    return openRoster(this.group, this.manifest, parseWith(rosterSchema, file));
  }

  /** A deal; with `corruptShareFor`, the share for that trustee is encrypted but wrong (a cheating dealer). */
  deal(rosterFile: RosterFile, corruptShareFor?: number): DealFile {
    const roster = this.roster(rosterFile);
    this.coefficients = randomPolynomial(this.group, this.manifest.trustees.threshold, this.rng);
    const recipients = roster.trustees.filter((t) => t.trustee !== this.index).map((t) => ({ index: t.trustee, shareKey: t.shareKey }));
    const deal = createDeal(this.group, this.manifest.id, this.index, this.coefficients, recipients, this.rng);
    if (corruptShareFor !== undefined) {
      const bad = createDeal(this.group, this.manifest.id, this.index, randomPolynomial(this.group, this.manifest.trustees.threshold, this.rng), recipients, this.rng);
      const shares = deal.shares.map((s) => (s.recipient === corruptShareFor ? bad.shares.find((b) => b.recipient === corruptShareFor)! : s));
      return signDeal(this.signingKey, this.group, this.manifest.id, { ...deal, shares });
    }
    return signDeal(this.signingKey, this.group, this.manifest.id, deal);
  }

  private holder() {
    return { index: this.index, secret: this.shareSecret, shareKey: this.group.multiply(this.group.generator, this.shareSecret) };
  }

  /** Checks every share addressed to this trustee; complains about the bad ones. */
  receive(rosterFile: RosterFile, deals: readonly DealFile[]): ComplaintsFile {
    const roster = this.roster(rosterFile);
    const complaints = deals
      .map((file) => openDeal(roster, parseWith(dealFileSchema, file)))
      .filter((deal) => deal.dealer !== this.index && !receiveShare(this.group, this.manifest.id, deal, this.holder()).ok)
      .sort((x, y) => x.dealer - y.dealer)
      .map((deal) => createComplaint(this.group, this.manifest.id, deal, this.holder(), this.rng));
    return signComplaints(this.signingKey, this.group, this.manifest.id, this.index, complaints);
  }

  finalize(rosterFile: RosterFile, deals: readonly DealFile[], complaintFiles: readonly ComplaintsFile[]): FinalizationFile {
    const roster = this.roster(rosterFile);
    const opened = deals.map((file) => openDeal(roster, parseWith(dealFileSchema, file)));
    const complaints = complaintFiles.flatMap((file) => openComplaints(roster, parseWith(complaintsFileSchema, file)));
    const result = evaluateCeremonyFiles(roster, opened, complaints);
    const shares = result.qualified.map((dealer) => {
      if (dealer === this.index) return evaluatePolynomial(this.group, this.coefficients as bigint[], this.index);
      const received = receiveShare(this.group, this.manifest.id, opened.find((d) => d.dealer === dealer)!, this.holder());
      if (!received.ok) throw new Error(`trustee ${this.index}: bad share from qualified dealer ${dealer}`);
      return received.share;
    });
    this.keyShare = combineShares(this.group, shares);
    this.verificationKey = result.verificationKeys.get(this.index);
    return signFinalization(this.signingKey, this.group, this.manifest.id, {
      trustee: this.index,
      qualified: result.qualified,
      publicKey: result.publicKey,
      verificationKey: this.verificationKey,
      proof: proveKeyShare(this.group, this.manifest.id, this.index, this.keyShare, this.verificationKey, this.rng),
    });
  }

  /** Partial decryptions of a ciphertext list; with `cheat`, the first factor is wrong. */
  decrypt(listFile: CiphertextListFile, cheat = false): PartialDecryptionFile {
    if (this.keyShare === null) throw new Error(`trustee ${this.index} has not finalized`);
    const G = this.group;
    const list = openCiphertextList(G, this.manifest.id, listFile);
    const ciphertexts = decodeCiphertextRange(G, list.packed, list.width, 0, list.count);
    const partials = ciphertexts.map((c) => partialDecrypt(G, this.manifest.id, this.index, this.keyShare as bigint, this.verificationKey, c, this.rng));
    if (cheat && partials.length > 0) partials[0] = { ...partials[0], factors: partials[0].factors.map((f) => G.add(f, G.generator)) };
    return signPartialDecryptions(this.signingKey, {
      election: this.manifest.id,
      trustee: this.index,
      list,
      factors: concatBytes(...partials.map((p) => G.encodeMany(p.factors))),
      proofs: concatBytes(...partials.map((p) => encodeSchnorrProof(G, p.proof))),
    });
  }
}

/** The text of a file as relayed to the board. */
export function fileText(file: unknown): string {
  return canonicalJson(file as Json);
}
