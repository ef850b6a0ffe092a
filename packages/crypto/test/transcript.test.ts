import { describe, expect, it } from 'vitest';
import { ristretto255Group, toHex, Transcript, utf8 } from '@ostraka/crypto';

const G = ristretto255Group;
const ctx = { election: 'e-1', step: 'step' };

describe('Fiat–Shamir transcript', () => {
  it('is deterministic', () => {
    const a = new Transcript('p', ctx).append('x', utf8('abc')).challengeScalar('c', G);
    const b = new Transcript('p', ctx).append('x', utf8('abc')).challengeScalar('c', G);
    expect(a).toBe(b);
  });

  it('frames fields so that no two field sequences collide', () => {
    const variants = [
      new Transcript('p', ctx).append('x', utf8('ab')).append('y', utf8('c')),
      new Transcript('p', ctx).append('x', utf8('a')).append('y', utf8('bc')),
      new Transcript('p', ctx).append('xy', utf8('abc')),
      new Transcript('p', ctx).append('x', utf8('abc')),
      new Transcript('p', ctx).append('x', utf8('abc')).append('y', new Uint8Array()),
    ];
    const challenges = variants.map((t) => toHex(t.challengeBytes('c')));
    expect(new Set(challenges).size).toBe(variants.length);
  });

  it('binds the protocol, the election, the step and the challenge label', () => {
    const base = toHex(new Transcript('p', ctx).challengeBytes('c'));
    expect(toHex(new Transcript('q', ctx).challengeBytes('c'))).not.toBe(base);
    expect(toHex(new Transcript('p', { ...ctx, election: 'e-2' }).challengeBytes('c'))).not.toBe(base);
    expect(toHex(new Transcript('p', { ...ctx, step: 'other' }).challengeBytes('c'))).not.toBe(base);
    expect(toHex(new Transcript('p', ctx).challengeBytes('d'))).not.toBe(base);
    // election "e" + step "-1step" must differ from election "e-1" + step "step"
    expect(toHex(new Transcript('p', { election: 'e', step: '-1step' }).challengeBytes('c'))).not.toBe(base);
  });

  it('leaves the transcript usable after a challenge', () => {
    const t = new Transcript('p', ctx).append('x', utf8('1'));
    const c1 = toHex(t.challengeBytes('c'));
    expect(toHex(t.challengeBytes('c'))).toBe(c1);
    t.append('y', utf8('2'));
    expect(toHex(t.challengeBytes('c'))).not.toBe(c1);
  });

  it('reduces challenges into the scalar field', () => {
    for (let i = 0; i < 20; i++) {
      const c = new Transcript('p', ctx).append('i', utf8(String(i))).challengeScalar('c', G);
      expect(c >= 0n && c < G.order).toBe(true);
    }
  });
});
