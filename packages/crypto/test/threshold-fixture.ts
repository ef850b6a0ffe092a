import {
  combineShares,
  createDeal,
  evaluateCeremony,
  evaluatePolynomial,
  randomPolynomial,
  receiveShare,
  verificationKey,
  type CeremonyOutcome,
  type Deal,
  type Group,
  type RandomSource,
  type ShareKeyHolder,
} from '@ostraka/crypto';

/** An honest key ceremony among n trustees, as the tests' starting point. */
export interface Ceremony<E> {
  readonly params: { election: string; threshold: number; count: number };
  readonly trustees: ShareKeyHolder<E>[];
  readonly shareKeys: Map<number, E>;
  readonly polynomials: bigint[][];
  readonly deals: Deal<E>[];
  readonly outcome: CeremonyOutcome<E>;
  /** x_j, by trustee index. */
  readonly keyShares: Map<number, bigint>;
  /** vk_j, by trustee index. */
  readonly verificationKeys: Map<number, E>;
}

export function shareKeyHolders<E>(group: Group<E>, count: number, rng?: RandomSource): ShareKeyHolder<E>[] {
  return Array.from({ length: count }, (_, k) => {
    const secret = group.scalars.randomNonZero(rng);
    return { index: k + 1, secret, shareKey: group.multiply(group.generator, secret) };
  });
}

export function honestCeremony<E>(group: Group<E>, threshold: number, count: number, election = 'election-1', rng?: RandomSource): Ceremony<E> {
  const params = { election, threshold, count };
  const trustees = shareKeyHolders(group, count, rng);
  const shareKeys = new Map(trustees.map((t) => [t.index, t.shareKey]));
  const polynomials = trustees.map(() => randomPolynomial(group, threshold, rng));
  const deals = trustees.map((t, i) =>
    createDeal(group, election, t.index, polynomials[i], trustees.filter((r) => r.index !== t.index), rng),
  );
  const outcome = evaluateCeremony(group, params, deals, [], shareKeys);
  const keyShares = new Map<number, bigint>();
  for (const t of trustees) {
    const shares = outcome.qualified.map((dealer) => {
      if (dealer === t.index) return evaluatePolynomial(group, polynomials[dealer - 1], t.index);
      const opened = receiveShare(group, election, deals[dealer - 1], t);
      if (!opened.ok) throw new Error(opened.reason);
      return opened.share;
    });
    keyShares.set(t.index, combineShares(group, shares));
  }
  const verificationKeys = new Map(trustees.map((t) => [t.index, verificationKey(group, outcome.commitments, t.index)]));
  return { params, trustees, shareKeys, polynomials, deals, outcome, keyShares, verificationKeys };
}
