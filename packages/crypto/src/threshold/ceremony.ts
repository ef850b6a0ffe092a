import type { Group } from '../group/group.js';
import { checkCeremonyParameters, checkDeal, type CeremonyParameters, type Deal } from './deal.js';
import { commitmentAt } from './feldman.js';
import { judgeComplaint, type Complaint } from './complaint.js';

/** Why a dealer is left out of the qualified set. */
export interface Disqualification {
  readonly dealer: number;
  readonly reason: string;
}

export interface VoidComplaint {
  readonly dealer: number;
  readonly recipient: number;
  readonly reason: string;
}

/**
 * The public outcome of the ceremony, computable by anyone from the deals, the complaints and the
 * trustees' share-encryption keys (docs/crypto.md §8.6).
 */
export interface CeremonyOutcome<E> {
  /** Q, ascending. */
  readonly qualified: readonly number[];
  readonly disqualified: readonly Disqualification[];
  /** Complaints that did not disqualify their dealer (false, or against a dealer already out). */
  readonly voidComplaints: readonly VoidComplaint[];
  /** C_k = Π_{i∈Q} A_ik: the commitments to the joint polynomial F = Σ_{i∈Q} f_i. */
  readonly commitments: readonly E[];
  /** pk = C_0 = Π_{i∈Q} A_i0. */
  readonly publicKey: E;
}

/**
 * A ceremony that cannot produce a key: fewer than t qualified dealers, or (with probability
 * 2^-252) a joint or verification key that is the identity element. It must be run again.
 */
export class CeremonyFailedError extends Error {
  override readonly name = 'CeremonyFailedError';
  constructor(
    readonly qualified: readonly number[],
    readonly disqualified: readonly Disqualification[],
    threshold: number,
    reason?: string,
  ) {
    super(
      (reason ?? `only ${qualified.length} qualified dealer(s) [${qualified.join(', ')}], at least ${threshold} needed`) +
        (disqualified.length ? `; disqualified: ${disqualified.map((d) => `${d.dealer} (${d.reason})`).join('; ')}` : ''),
    );
  }
}

/**
 * Q = the dealers with exactly one well-formed deal and no upheld complaint. At least t are
 * required: then Q holds at least one honest dealer (at most t − 1 trustees are corrupt), whose
 * uniformly random a_i0 makes the joint key uniformly random in the adversary's view up to the
 * joint-Feldman bias discussed in docs/crypto.md §8.6.
 */
export function evaluateCeremony<E>(
  group: Group<E>,
  params: CeremonyParameters,
  deals: readonly Deal<E>[],
  complaints: readonly Complaint<E>[],
  shareKeys: ReadonlyMap<number, E>,
): CeremonyOutcome<E> {
  checkCeremonyParameters(params);
  const disqualified = new Map<number, string>();
  const byDealer = new Map<number, Deal<E>>();
  for (const deal of deals) {
    if (byDealer.has(deal.dealer) || disqualified.has(deal.dealer)) {
      byDealer.delete(deal.dealer);
      disqualified.set(deal.dealer, 'posted more than one deal');
      continue;
    }
    const problem = checkDeal(group, params, deal);
    if (problem) disqualified.set(deal.dealer, `malformed deal: ${problem}`);
    else byDealer.set(deal.dealer, deal);
  }
  const voidComplaints: VoidComplaint[] = [];
  for (const c of complaints) {
    const deal = byDealer.get(c.dealer);
    const recipientKey = shareKeys.get(c.recipient);
    let reason: string | null = null;
    if (!deal) reason = disqualified.has(c.dealer) ? 'the dealer is already disqualified' : `no deal from dealer ${c.dealer}`;
    else if (recipientKey === undefined) reason = `trustee ${c.recipient} has no share-encryption key`;
    else {
      const verdict = judgeComplaint(group, params.election, deal, recipientKey, c);
      if (verdict.upheld) {
        byDealer.delete(c.dealer);
        disqualified.set(c.dealer, `complaint by trustee ${c.recipient} upheld: ${verdict.reason}`);
      } else reason = verdict.reason;
    }
    if (reason !== null) voidComplaints.push({ dealer: c.dealer, recipient: c.recipient, reason });
  }
  const qualified = [...byDealer.keys()].sort((a, b) => a - b);
  const disqualifiedList = [...disqualified].map(([dealer, reason]) => ({ dealer, reason })).sort((a, b) => a.dealer - b.dealer);
  if (qualified.length < params.threshold) throw new CeremonyFailedError(qualified, disqualifiedList, params.threshold);
  const commitments = aggregateCommitments(group, qualified.map((i) => (byDealer.get(i) as Deal<E>).commitments));
  if (group.isIdentity(commitments[0]))
    throw new CeremonyFailedError(qualified, disqualifiedList, params.threshold, 'the joint public key is the identity element');
  return { qualified, disqualified: disqualifiedList, voidComplaints, commitments, publicKey: commitments[0] };
}

/** C_k = Π_i A_ik over the given dealers' commitment vectors (all of length t). */
export function aggregateCommitments<E>(group: Group<E>, commitmentVectors: readonly (readonly E[])[]): E[] {
  if (commitmentVectors.length === 0) throw new RangeError('no commitments to aggregate');
  const t = commitmentVectors[0].length;
  const out = [...commitmentVectors[0]];
  for (const vector of commitmentVectors.slice(1)) {
    if (vector.length !== t) throw new RangeError('commitment vectors differ in length');
    for (let k = 0; k < t; k++) out[k] = group.add(out[k], vector[k]);
  }
  return out;
}

/** vk_j = g^{x_j} = Π_k C_k^{j^k}: trustee j's public verification key, computable by anyone. */
export function verificationKey<E>(group: Group<E>, commitments: readonly E[], trustee: number): E {
  return commitmentAt(group, commitments, trustee);
}

/** x_j = Σ_{i∈Q} s_ij: trustee j's share of the joint secret F(0). */
export function combineShares(group: Group<unknown>, shares: readonly bigint[]): bigint {
  return shares.reduce((acc, s) => group.scalars.add(acc, s), 0n);
}
