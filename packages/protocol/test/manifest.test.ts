import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { electionManifestSchema } from '@ostraka/protocol';

const valid = { id: 'city-2026', title: 'City council 2026', group: 'ristretto255', trustees: { threshold: 3, count: 5 } };

describe('election manifest', () => {
  it('accepts the ceremony fields', () => {
    expect(electionManifestSchema.parse(valid)).toEqual(valid);
    expect(electionManifestSchema.parse({ ...valid, group: 'p256', trustees: { threshold: 1, count: 1 } }).group).toBe('p256');
  });

  it('reads a manifest that later parts extended, ignoring the fields it does not know', () => {
    const extended = { ...valid, questions: [{ id: 'q1' }], votingPeriod: { start: 1, end: 2 } };
    expect(electionManifestSchema.parse(extended)).toEqual(valid);
    const grown = electionManifestSchema.extend({ width: z.int().min(1) });
    expect(grown.parse({ ...valid, width: 2 }).width).toBe(2);
  });

  it.each([
    ['an upper-case id', { ...valid, id: 'City' }, ['id']],
    ['an empty id', { ...valid, id: '' }, ['id']],
    ['an id of 65 characters', { ...valid, id: 'a'.repeat(65) }, ['id']],
    ['an unknown group', { ...valid, group: 'secp256k1' }, ['group']],
    ['a threshold above the count', { ...valid, trustees: { threshold: 6, count: 5 } }, ['trustees', 'threshold']],
    ['a zero threshold', { ...valid, trustees: { threshold: 0, count: 5 } }, ['trustees', 'threshold']],
    ['a fractional count', { ...valid, trustees: { threshold: 1, count: 2.5 } }, ['trustees', 'count']],
    ['an unknown trustees field', { ...valid, trustees: { threshold: 1, count: 2, quorum: 2 } }, ['trustees']],
    ['no title', { ...valid, title: undefined }, ['title']],
    ['a title with a terminal escape', { ...valid, title: 'City \u001b[2J council' }, ['title']],
    ['a title with a bidi override', { ...valid, title: 'City \u202e council' }, ['title']],
  ])('rejects %s, naming the field', (_what, manifest, path) => {
    const result = electionManifestSchema.safeParse(manifest);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(path);
  });
});
