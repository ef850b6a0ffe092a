import { csprng, type RandomSource } from '@ostraka/crypto';
import type { Answer, Question } from '@ostraka/protocol';
import { DEMO_MOTTOS } from './demo-questions.js';

/**
 * How the simulated voters choose: random valid answers to every question, with unequal
 * popularity so that the results are worth reading (a runoff that takes several rounds, a clear
 * plurality winner). This is a simulation of voters, not cryptography: a small seeded generator
 * (sfc32), seeded from the CSPRNG unless a seed is given, so that a run can be repeated.
 */
export class VoterBehaviour {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly popularity = new Map<string, number[]>();

  constructor(seed?: number, rng: RandomSource = csprng) {
    const words = seed === undefined ? new Uint32Array(Uint8Array.from(rng(16)).buffer) : new Uint32Array([seed >>> 0, 0x9e3779b9, 0x243f6a88, 0xb7e15162]);
    [this.a, this.b, this.c, this.d] = [words[0], words[1], words[2], words[3]];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** The same decreasing weights for a question's candidates throughout a run (the first is the favourite). */
  private weights(question: Question & { candidates: string[] }): number[] {
    let w = this.popularity.get(question.id);
    if (!w) {
      w = question.candidates.map((_, i) => 1 / (i + 1.3));
      this.popularity.set(question.id, w);
    }
    return w;
  }

  private pick(weights: readonly number[], exclude: ReadonlySet<number> = new Set()): number {
    const total = weights.reduce((s, w, i) => (exclude.has(i) ? s : s + w), 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      if (exclude.has(i)) continue;
      x -= weights[i];
      if (x < 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (!exclude.has(i)) return i;
    throw new RangeError('nothing left to pick');
  }

  /**
   * A random valid answer; with `longest`, the longest the question allows (every rank filled,
   * the longest motto that fits), as a voter testing the ballot's limits would answer.
   */
  answer(question: Question, longest = false): Answer {
    switch (question.kind) {
      case 'plurality':
        if (question.allowBlank && this.next() < 0.04) return { kind: 'plurality', candidate: null };
        return { kind: 'plurality', candidate: this.pick(this.weights(question)) };
      case 'approval': {
        const count = question.minChoices + this.int(question.maxChoices - question.minChoices + 1);
        const chosen = new Set<number>();
        while (chosen.size < count) chosen.add(this.pick(this.weights(question), chosen));
        return { kind: 'approval', candidates: [...chosen].sort((x, y) => x - y) };
      }
      case 'ranked': {
        const count = longest ? question.maxRanks : question.minRanks + this.int(question.maxRanks - question.minRanks + 1);
        const ranking: number[] = [];
        // The favourite is the least often ranked first, so that the runoff needs several rounds.
        const weights = this.weights(question).map((w, i) => (i === 0 ? w * 0.7 : w));
        while (ranking.length < count) ranking.push(this.pick(weights, new Set(ranking)));
        return { kind: 'ranked', ranking };
      }
      case 'write-in': {
        const bytes = (m: string) => new TextEncoder().encode(m).length;
        const fitting = DEMO_MOTTOS.filter((m) => bytes(m) <= question.maxLength);
        if (fitting.length === 0) return { kind: 'write-in', text: 'x'.repeat(Math.min(3, question.maxLength)) };
        if (longest) return { kind: 'write-in', text: fitting.reduce((a, b) => (bytes(b) > bytes(a) ? b : a)) };
        if (this.next() < 0.1) return { kind: 'write-in', text: '' };
        const text = fitting[this.pick(fitting.map((_, i) => 1 / (i + 1)))];
        return { kind: 'write-in', text };
      }
    }
  }

  ballot(questions: readonly Question[], longest = false): Answer[] {
    return questions.map((q) => this.answer(q, longest));
  }
}
