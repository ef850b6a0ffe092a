import type { Group } from '../group/group.js';
import { proveDleq, verifyDleq, type DleqProof } from '../proofs/dleq.js';
import { csprng, type RandomSource } from '../random.js';
import { complaintContext } from './contexts.js';
import { shareFor, type Deal } from './deal.js';
import { verifyShare } from './feldman.js';
import { decryptShare, openShare, sharedPoint, type ShareOpening } from './share-encryption.js';

/** A trustee as a holder of its share-encryption key pair (e_j, E_j = g^{e_j}). */
export interface ShareKeyHolder<E> {
  readonly index: number;
  readonly secret: bigint;
  readonly shareKey: E;
}

/**
 * Recipient j's step of the ceremony: decrypt s_ij from dealer i's (well-formed) deal and check
 * it against the dealer's commitments, g^{s_ij} = Π_k A_ik^{j^k}.
 */
export function receiveShare<E>(group: Group<E>, election: string, deal: Deal<E>, recipient: ShareKeyHolder<E>): ShareOpening {
  const encrypted = shareFor(deal, recipient.index);
  if (!encrypted) return { ok: false, reason: `the deal has no share for trustee ${recipient.index}` };
  const address = { election, dealer: deal.dealer, recipient: recipient.index };
  const opening = decryptShare(group, address, recipient.secret, recipient.shareKey, encrypted);
  if (!opening.ok) return opening;
  if (!verifyShare(group, deal.commitments, recipient.index, opening.share))
    return { ok: false, reason: 'the share does not match the dealer’s commitments' };
  return opening;
}

/**
 * A complaint that anyone can check (docs/crypto.md §8.5): recipient j reveals the shared point
 * D = K^{e_j} of the share dealer i sent it, with a DLEQ proof that log_g E_j = log_K D. With D,
 * anyone decrypts the share and checks it against the commitments, so a cheating dealer is
 * disqualified by a computation, not by trust, and a false complaint is seen to be false.
 * Revealing D reveals only this one share (e_j stays secret).
 */
export interface Complaint<E> {
  readonly dealer: number;
  readonly recipient: number;
  readonly sharedPoint: E;
  readonly proof: DleqProof;
}

export function createComplaint<E>(
  group: Group<E>,
  election: string,
  deal: Deal<E>,
  recipient: ShareKeyHolder<E>,
  rng: RandomSource = csprng,
): Complaint<E> {
  const encrypted = shareFor(deal, recipient.index);
  if (!encrypted) throw new RangeError(`the deal has no share for trustee ${recipient.index}`);
  const D = sharedPoint(group, recipient.secret, encrypted.ephemeral);
  const statement = { bases: [group.generator, encrypted.ephemeral], publics: [recipient.shareKey, D] };
  const proof = proveDleq(group, complaintContext(election, deal.dealer, recipient.index), statement, recipient.secret, rng);
  return { dealer: deal.dealer, recipient: recipient.index, sharedPoint: D, proof };
}

/** The verdict on a complaint: `upheld` disqualifies the dealer; otherwise the complaint is void. */
export interface ComplaintVerdict {
  readonly upheld: boolean;
  readonly reason: string;
}

/**
 * Judges a complaint against a well-formed deal, given the complainant's published E_j. Upheld
 * exactly when the proof is valid and the revealed share fails to decrypt, is not a scalar, or
 * does not match the commitments.
 */
export function judgeComplaint<E>(group: Group<E>, election: string, deal: Deal<E>, recipientKey: E, complaint: Complaint<E>): ComplaintVerdict {
  if (complaint.dealer !== deal.dealer) return { upheld: false, reason: `the complaint is against dealer ${complaint.dealer}, not ${deal.dealer}` };
  const encrypted = shareFor(deal, complaint.recipient);
  if (!encrypted) return { upheld: false, reason: `dealer ${deal.dealer} sent no share to trustee ${complaint.recipient}` };
  const statement = { bases: [group.generator, encrypted.ephemeral], publics: [recipientKey, complaint.sharedPoint] };
  if (!verifyDleq(group, complaintContext(election, deal.dealer, complaint.recipient), statement, complaint.proof))
    return { upheld: false, reason: 'the complaint’s DLEQ proof does not verify' };
  const address = { election, dealer: deal.dealer, recipient: complaint.recipient };
  const opening = openShare(group, address, recipientKey, encrypted, complaint.sharedPoint);
  if (!opening.ok) return { upheld: true, reason: opening.reason };
  if (!verifyShare(group, deal.commitments, complaint.recipient, opening.share))
    return { upheld: true, reason: 'the revealed share does not match the dealer’s commitments' };
  return { upheld: false, reason: 'the revealed share is correct: the complaint is false' };
}
