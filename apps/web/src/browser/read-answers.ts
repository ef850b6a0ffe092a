import type { Answer, Question } from '@ostraka/protocol';

/**
 * The voter's answers, read from the ballot form the server rendered (booth/ballot-form.ts). It
 * reads what is on the form, without judging it: the manifest's rules are checked afterwards,
 * with the same code that the tally applies (answerProblem).
 */
export function readAnswers(form: HTMLFormElement, questions: readonly Question[]): Answer[] {
  const data = new FormData(form);
  return questions.map((q, k): Answer => {
    const name = `q-${k}`;
    switch (q.kind) {
      case 'plurality': {
        const v = data.get(name);
        return { kind: 'plurality', candidate: v === null || v === 'blank' ? null : Number(v) };
      }
      case 'approval':
        return { kind: 'approval', candidates: data.getAll(name).map(Number) };
      case 'ranked': {
        const ranking: number[] = [];
        for (let r = 1; r <= q.maxRanks; r++) {
          const v = data.get(`${name}-rank-${r}`);
          if (typeof v === 'string' && v !== '') ranking.push(Number(v));
        }
        return { kind: 'ranked', ranking };
      }
      case 'write-in':
        // NFC, as the manifest requires: the same text typed on two keyboards is one answer.
        return { kind: 'write-in', text: String(data.get(name) ?? '').trim().normalize('NFC') };
    }
  });
}

/**
 * A blank plurality answer where blank is not allowed reads as "no choice made": say so, rather
 * than the rule's wording for a deliberate blank vote.
 */
export function unansweredPlurality(q: Question, a: Answer): boolean {
  return q.kind === 'plurality' && !q.allowBlank && a.kind === 'plurality' && a.candidate === null;
}

/** Ranked choices with a gap (choice 1 empty, choice 2 filled) read as a shorter ranking; the voter should know. */
export function rankingHasGap(form: HTMLFormElement, q: Question, k: number): boolean {
  if (q.kind !== 'ranked') return false;
  const data = new FormData(form);
  let ended = false;
  for (let r = 1; r <= q.maxRanks; r++) {
    const filled = (data.get(`q-${k}-rank-${r}`) ?? '') !== '';
    if (!filled) ended = true;
    else if (ended) return true;
  }
  return false;
}
