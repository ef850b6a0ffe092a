import { answerProblem } from './answer-rules.js';
import type { Answer, Question } from './questions.js';

/**
 * The plaintext of a ballot: the answers to all questions, in manifest order, each in a fixed
 * number of bytes, so that every ballot of an election has the same length and one ciphertext
 * vector carries the whole ballot (docs/transcript.md §Ballot plaintext):
 *
 * - plurality: 1 byte, 0 = blank, i + 1 = candidate i;
 * - approval: ⌈n / 8⌉ bytes, bit (i mod 8) of byte ⌊i / 8⌋ set iff candidate i is approved;
 * - ranked: maxRanks bytes, candidate + 1 in order of preference, then zeros;
 * - write-in: u16be(byte length) ‖ UTF-8 text ‖ zeros up to maxLength bytes.
 */
export function answerSize(question: Question): number {
  switch (question.kind) {
    case 'plurality':
      return 1;
    case 'approval':
      return Math.ceil(question.candidates.length / 8);
    case 'ranked':
      return question.maxRanks;
    case 'write-in':
      return 2 + question.maxLength;
  }
}

export function ballotSize(questions: readonly Question[]): number {
  return questions.reduce((sum, q) => sum + answerSize(q), 0);
}

/** A decrypted ballot that is not a valid vote; the tally counts it as invalid, with this reason. */
export class InvalidBallotError extends Error {
  override readonly name = 'InvalidBallotError';
}

export function encodeBallot(questions: readonly Question[], answers: readonly Answer[]): Uint8Array {
  if (answers.length !== questions.length) throw new InvalidBallotError(`expected ${questions.length} answers, got ${answers.length}`);
  const out = new Uint8Array(ballotSize(questions));
  let offset = 0;
  questions.forEach((question, k) => {
    const answer = answers[k];
    const problem = answerProblem(question, answer);
    if (problem) throw new InvalidBallotError(`question "${question.id}": ${problem}`);
    const slot = out.subarray(offset, offset + answerSize(question));
    if (answer.kind === 'plurality') slot[0] = answer.candidate === null ? 0 : answer.candidate + 1;
    else if (answer.kind === 'approval') for (const c of answer.candidates) slot[c >> 3] |= 1 << (c & 7);
    else if (answer.kind === 'ranked') answer.ranking.forEach((c, i) => (slot[i] = c + 1));
    else {
      const text = new TextEncoder().encode(answer.text);
      slot[0] = text.length >> 8;
      slot[1] = text.length & 0xff;
      slot.set(text, 2);
    }
    offset += slot.length;
  });
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict inverse of encodeBallot: any byte pattern that encodeBallot cannot produce is invalid. */
export function decodeBallot(questions: readonly Question[], bytes: Uint8Array): Answer[] {
  if (bytes.length !== ballotSize(questions))
    throw new InvalidBallotError(`expected ${ballotSize(questions)} bytes, got ${bytes.length}`);
  let offset = 0;
  return questions.map((question) => {
    const slot = bytes.subarray(offset, offset + answerSize(question));
    offset += slot.length;
    const answer = decodeAnswer(question, slot);
    const problem = answerProblem(question, answer);
    if (problem) throw new InvalidBallotError(`question "${question.id}": ${problem}`);
    return answer;
  });
}

function decodeAnswer(question: Question, slot: Uint8Array): Answer {
  const fail = (reason: string): never => {
    throw new InvalidBallotError(`question "${question.id}": ${reason}`);
  };
  switch (question.kind) {
    case 'plurality':
      return { kind: 'plurality', candidate: slot[0] === 0 ? null : slot[0] - 1 };
    case 'approval': {
      const candidates: number[] = [];
      for (let i = 0; i < slot.length * 8; i++)
        if (slot[i >> 3] & (1 << (i & 7))) {
          if (i >= question.candidates.length) fail('a bit beyond the candidates is set');
          candidates.push(i);
        }
      return { kind: 'approval', candidates };
    }
    case 'ranked': {
      const ranking: number[] = [];
      let ended = false;
      for (const byte of slot) {
        if (byte === 0) ended = true;
        else if (ended) fail('a rank follows an empty rank');
        else ranking.push(byte - 1);
      }
      return { kind: 'ranked', ranking };
    }
    case 'write-in': {
      const length = (slot[0] << 8) | slot[1];
      if (length > question.maxLength) fail('length exceeds the maximum');
      if (slot.subarray(2 + length).some((b) => b !== 0)) fail('non-zero padding');
      let text = '';
      try {
        text = strictUtf8.decode(slot.subarray(2, 2 + length));
      } catch {
        fail('not valid UTF-8');
      }
      return { kind: 'write-in', text };
    }
  }
}
