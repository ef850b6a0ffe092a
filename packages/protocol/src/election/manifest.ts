import { z } from 'zod';
import { plaintextCapacity, widthFor, groupByName } from '@ostraka/crypto';
import { displayTextSchema, electionManifestSchema } from '../manifest.js';
import { ballotSize } from './ballot-codec.js';
import { questionSchema, type Question } from './questions.js';

const keyIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'expected a key id (32 lower-case hex digits)');
const isoTime = z.iso.datetime({ offset: false });

/** At least 256 bits of plaintext per ballot (the seed's floor), whatever the questions. */
export const MIN_PLAINTEXT_BYTES = 32;

/**
 * The full election manifest (docs/election.md §Manifest): the ceremony fields of
 * `electionManifestSchema` plus who runs the election (the board, the election authority's peer,
 * the mix servers' peers), the questions and the voting period. It is agreed by the authority and
 * the trustees through a negotiation whose consensus id authorises the election; the negotiation's
 * participants after the authority are the trustees' peers, in index order.
 */
export const fullManifestSchema = electionManifestSchema
  .extend({
    /** The board id (docs/transcript.md §3.3): the election exists on this board only. */
    board: z.string().regex(/^[0-9a-f]{32}$/, 'expected a board id'),
    /** The election authority's peer (its ballot box): signs transitions, credentials and the tally. */
    authority: keyIdSchema,
    /** Peer ids of the mix servers, in mixing order (at least one). */
    mixServers: z.array(keyIdSchema).min(1).max(32),
    questions: z.array(questionSchema).min(1).max(64),
    voting: z.strictObject({ opens: isoTime, closes: isoTime }),
    description: displayTextSchema(5000).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const ids = [m.authority, ...m.mixServers];
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['mixServers'], message: 'the authority and the mix servers must be distinct peers' });
    const questionIds = m.questions.map((q) => q.id);
    if (new Set(questionIds).size !== questionIds.length)
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be distinct' });
    if (Date.parse(m.voting.closes) <= Date.parse(m.voting.opens))
      ctx.addIssue({ code: 'custom', path: ['voting', 'closes'], message: 'voting must close after it opens' });
  });

export type FullManifest = z.infer<typeof fullManifestSchema>;

/**
 * The ciphertext width of the election: the fewest elements that hold the ballot plaintext, and at
 * least 256 bits of plaintext (docs/election.md §Width).
 */
export function electionWidth(manifest: { group: string; questions: readonly Question[] }): number {
  const group = groupByName(manifest.group);
  const width = widthFor(group, Math.max(MIN_PLAINTEXT_BYTES, ballotSize(manifest.questions)));
  if (plaintextCapacity(group, width) < ballotSize(manifest.questions)) throw new RangeError('ballot does not fit its width');
  return width;
}
