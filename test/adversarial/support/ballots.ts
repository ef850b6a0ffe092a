import type { Answer } from '@ostraka/protocol';

/** Valid answers to the election fixture's default questions, varied by `seed`. */
export function answers(seed: number): Answer[] {
  return [
    { kind: 'plurality', candidate: seed % 4 === 3 ? null : seed % 3 },
    { kind: 'approval', candidates: seed % 2 ? [0, 3] : [1] },
    { kind: 'ranked', ranking: seed % 2 ? [2, 0, 1] : [1, 2] },
    { kind: 'write-in', text: seed % 5 === 0 ? '' : `motto ${seed}` },
  ];
}
