/**
 * Reading a ballot plaintext (docs/transcript.md §10.6): the answers to the manifest's questions
 * in order, each in a fixed number of bytes. A plaintext that does not decode or breaks a
 * question's rule is an invalid ballot (null here).
 */
import { answerSize, ballotSize, type Question } from './manifest.js';

export type Answer =
  | { kind: 'plurality'; candidate: number | null }
  | { kind: 'approval'; candidates: number[] }
  | { kind: 'ranked'; ranking: number[] }
  | { kind: 'write-in'; text: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readBallot(questions: readonly Question[], plaintext: Uint8Array): Answer[] | null {
  if (plaintext.length !== ballotSize(questions)) return null;
  const answers: Answer[] = [];
  let offset = 0;
  for (const q of questions) {
    const size = answerSize(q);
    const a = readAnswer(q, plaintext.subarray(offset, offset + size));
    if (a === null) return null;
    answers.push(a);
    offset += size;
  }
  return answers;
}

function readAnswer(q: Question, bytes: Uint8Array): Answer | null {
  switch (q.kind) {
    case 'plurality': {
      const b = bytes[0];
      if (b === 0) return q.allowBlank ? { kind: 'plurality', candidate: null } : null;
      return b <= q.candidates.length ? { kind: 'plurality', candidate: b - 1 } : null;
    }
    case 'approval': {
      const candidates: number[] = [];
      for (let i = 0; i < 8 * bytes.length; i++) {
        if ((bytes[i >> 3] >> (i & 7)) & 1) {
          if (i >= q.candidates.length) return null;
          candidates.push(i);
        }
      }
      return candidates.length >= q.minChoices && candidates.length <= q.maxChoices ? { kind: 'approval', candidates } : null;
    }
    case 'ranked': {
      const ranking: number[] = [];
      let ended = false;
      for (const b of bytes) {
        if (b === 0) ended = true;
        else if (ended || b > q.candidates.length || ranking.includes(b - 1)) return null;
        else ranking.push(b - 1);
      }
      return ranking.length >= q.minRanks && ranking.length <= q.maxRanks ? { kind: 'ranked', ranking } : null;
    }
    case 'write-in': {
      const length = (bytes[0] << 8) | bytes[1];
      if (length > q.maxLength) return null;
      for (let i = 2 + length; i < bytes.length; i++) if (bytes[i] !== 0) return null;
      let text: string;
      try {
        text = strictUtf8.decode(bytes.subarray(2, 2 + length));
      } catch {
        return null;
      }
      return text.normalize('NFC') === text ? { kind: 'write-in', text } : null;
    }
  }
}
