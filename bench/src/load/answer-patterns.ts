import type { Answer } from '@ostraka/protocol';

/**
 * Valid answers to the election fixture's default questions (plurality, approval, ranked,
 * write-in), varied: the load benchmark's voters cast these, each ballot a fresh encryption.
 */
export function answerPattern(i: number): Answer[] {
  return [
    { kind: 'plurality', candidate: i % 4 === 3 ? null : i % 3 },
    { kind: 'approval', candidates: i % 2 ? [0, 3] : [1] },
    { kind: 'ranked', ranking: i % 3 === 0 ? [2, 0, 1] : i % 3 === 1 ? [1, 2] : [0] },
    { kind: 'write-in', text: i % 5 === 0 ? '' : `motto ${i % 7}` },
  ];
}

export const PATTERNS = 16;
