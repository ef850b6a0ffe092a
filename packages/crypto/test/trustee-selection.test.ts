/**
 * The trustee-selection rule shared by thresholdDecrypt and the tally's worker pool: ascending
 * trustee order, duplicates and trustees without a key rejected where they stand, checks until t
 * are valid (all with verifyAll), the caller's verdicts taken as given.
 */
import { describe, expect, it } from 'vitest';
import { firstTrusteesChecked, selectTrustees } from '@ostraka/crypto';

const drive = (trustees: number[], t: number, bad: number[], verifyAll = false) => {
  const checked: number[] = [];
  const selection = selectTrustees(trustees.map((trustee) => ({ trustee })), t, (j) => j !== 9, { verifyAll });
  let step = selection.next();
  while (!step.done) {
    checked.push(step.value.trustee);
    step = selection.next(bad.includes(step.value.trustee) ? `trustee ${step.value.trustee} cheats` : null);
  }
  return { checked, valid: step.value.valid.map((v) => v.trustee), rejected: step.value.rejected.map((r) => `${r.trustee}: ${r.reason}`), unchecked: step.value.unchecked };
};

describe('selectTrustees', () => {
  it('checks in trustee order until t are valid, rejecting duplicates and unknown trustees where they stand', () => {
    expect(drive([5, 9, 2, 1, 2, 4, 3], 3, [1])).toEqual({
      checked: [1, 2, 3, 4],
      valid: [2, 3, 4],
      rejected: ['1: trustee 1 cheats', '2: more than one submission from this trustee'],
      unchecked: [5, 9],
    });
  });

  it('checks every one with verifyAll, and returns fewer than t when there are not enough', () => {
    expect(drive([3, 1, 2, 9], 2, [2], true)).toEqual({ checked: [1, 2, 3], valid: [1, 3], rejected: ['2: trustee 2 cheats', '9: not a trustee with a verification key'], unchecked: [] });
    expect(drive([1, 2], 3, [2]).valid).toEqual([1]);
  });

  it('names the trustees checked first: the ones combined when all of them are valid', () => {
    expect(firstTrusteesChecked([{ trustee: 4 }, { trustee: 9 }, { trustee: 1 }, { trustee: 1 }, { trustee: 2 }], 3, (j) => j !== 9).map((s) => s.trustee)).toEqual([1, 2, 4]);
  });
});
