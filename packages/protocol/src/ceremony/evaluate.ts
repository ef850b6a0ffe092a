import { CeremonyFailedError, evaluateCeremony, verificationKey, type CeremonyOutcome, type Complaint, type Deal } from '@ostraka/crypto';
import type { ElectionRoster } from './roster.js';

/** The ceremony's public outcome with every trustee's verification key. */
export interface CeremonyResult<E> extends CeremonyOutcome<E> {
  /** vk_j for every trustee j of the roster (1..n), including those that never finalized. */
  readonly verificationKeys: ReadonlyMap<number, E>;
}

/**
 * The ceremony's outcome from the opened deal and complaint files (`openDeal`,
 * `openComplaints`): Q, the joint public key and every vk_j (docs/crypto.md §8.6). Anyone can run
 * it; every trustee's finalize and the election flow must get the same answer from the same files.
 * Throws CeremonyFailedError when fewer than t dealers qualify.
 */
export function evaluateCeremonyFiles<E>(roster: ElectionRoster<E>, deals: readonly Deal<E>[], complaints: readonly Complaint<E>[]): CeremonyResult<E> {
  const params = { election: roster.election, threshold: roster.threshold, count: roster.count };
  const shareKeys = new Map(roster.trustees.map((t) => [t.trustee, t.shareKey]));
  const outcome = evaluateCeremony(roster.group, params, deals, complaints, shareKeys);
  const verificationKeys = new Map(roster.trustees.map((t) => [t.trustee, verificationKey(roster.group, outcome.commitments, t.trustee)]));
  for (const [j, vk] of verificationKeys)
    if (roster.group.isIdentity(vk))
      throw new CeremonyFailedError(outcome.qualified, outcome.disqualified, roster.threshold, `trustee ${j}'s verification key is the identity element`);
  return { ...outcome, verificationKeys };
}
