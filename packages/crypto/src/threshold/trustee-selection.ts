import type { PartialRejection } from './combine.js';

/** Which submissions a threshold decryption combines, and why the others are not. */
export interface TrusteeSelection<S> {
  /** In trustee order; the first t are combined. */
  readonly valid: S[];
  readonly rejected: PartialRejection[];
  /** Not checked: t valid ones came first (only without `verifyAll`). */
  readonly unchecked: number[];
}

/**
 * The rule that picks the trustees of a threshold decryption, driven by its caller so that a
 * trustee's proofs can be checked in the same thread (thresholdDecrypt) or in a worker pool (the
 * tally): submissions in ascending trustee order; a second one from a trustee, or one from a
 * trustee without a verification key, is rejected; every other one is yielded, and the caller
 * sends back null when all its proofs verify or the reason it is rejected, until t are valid
 * (every one with `verifyAll`); the rest are unchecked.
 */
export function* selectTrustees<S extends { readonly trustee: number }>(
  submissions: readonly S[],
  threshold: number,
  hasVerificationKey: (trustee: number) => boolean,
  options: { verifyAll?: boolean } = {},
): Generator<S, TrusteeSelection<S>, string | null> {
  const sorted = [...submissions].sort((x, y) => x.trustee - y.trustee);
  const valid: S[] = [];
  const rejected: PartialRejection[] = [];
  const unchecked: number[] = [];
  for (let s = 0; s < sorted.length; s++) {
    const submission = sorted[s];
    if (valid.length >= threshold && !options.verifyAll) unchecked.push(submission.trustee);
    else if (s > 0 && sorted[s - 1].trustee === submission.trustee) rejected.push({ trustee: submission.trustee, reason: 'more than one submission from this trustee' });
    else if (!hasVerificationKey(submission.trustee)) rejected.push({ trustee: submission.trustee, reason: 'not a trustee with a verification key' });
    else {
      const reason = yield submission;
      if (reason === null) valid.push(submission);
      else rejected.push({ trustee: submission.trustee, reason });
    }
  }
  return { valid, rejected, unchecked };
}

/** The submissions `selectTrustees` checks first: the ones combined when all of them are valid. */
export function firstTrusteesChecked<S extends { readonly trustee: number }>(submissions: readonly S[], threshold: number, hasVerificationKey: (trustee: number) => boolean): S[] {
  const selection = selectTrustees(submissions, threshold, hasVerificationKey);
  const out: S[] = [];
  for (let step = selection.next(); !step.done; step = selection.next(null)) out.push(step.value);
  return out;
}
