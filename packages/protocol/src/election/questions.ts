import { z } from 'zod';

/**
 * The question kinds of an election (docs/transcript.md §Manifest). Candidates are referred to by
 * their 0-based index in `candidates`; at most 255 per question, so that an index fits one byte.
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, at most 64');
const title = z.string().min(1).max(500);
const candidates = z.array(z.string().min(1).max(200)).min(1).max(255);

export const pluralityQuestion = z
  .object({
    kind: z.literal('plurality'),
    id,
    title,
    candidates: candidates.min(2),
    /** Whether a blank answer (no candidate) is a valid vote. */
    allowBlank: z.boolean(),
  })
  .strict();

export const approvalQuestion = z
  .object({
    kind: z.literal('approval'),
    id,
    title,
    candidates,
    minChoices: z.number().int().min(0),
    maxChoices: z.number().int().min(1),
  })
  .strict()
  .refine((q) => q.maxChoices <= q.candidates.length, { message: 'maxChoices exceeds the number of candidates', path: ['maxChoices'] })
  .refine((q) => q.minChoices <= q.maxChoices, { message: 'minChoices exceeds maxChoices', path: ['minChoices'] });

export const rankedQuestion = z
  .object({
    kind: z.literal('ranked'),
    id,
    title,
    candidates: candidates.min(2),
    /** A full ranking has minRanks = maxRanks = the number of candidates; a partial one ranks fewer. */
    minRanks: z.number().int().min(1),
    maxRanks: z.number().int().min(1),
  })
  .strict()
  .refine((q) => q.maxRanks <= q.candidates.length, { message: 'maxRanks exceeds the number of candidates', path: ['maxRanks'] })
  .refine((q) => q.minRanks <= q.maxRanks, { message: 'minRanks exceeds maxRanks', path: ['minRanks'] });

export const writeInQuestion = z
  .object({
    kind: z.literal('write-in'),
    id,
    title,
    /** Maximum length of the answer in UTF-8 bytes (one byte per ASCII character). */
    maxLength: z.number().int().min(1).max(1000),
  })
  .strict();

export const questionSchema = z.union([pluralityQuestion, approvalQuestion, rankedQuestion, writeInQuestion]);
export type Question = z.infer<typeof questionSchema>;
export type PluralityQuestion = z.infer<typeof pluralityQuestion>;
export type ApprovalQuestion = z.infer<typeof approvalQuestion>;
export type RankedQuestion = z.infer<typeof rankedQuestion>;
export type WriteInQuestion = z.infer<typeof writeInQuestion>;

/** A voter's answer to one question, by kind. */
export type Answer =
  | { kind: 'plurality'; candidate: number | null }
  | { kind: 'approval'; candidates: number[] }
  | { kind: 'ranked'; ranking: number[] }
  | { kind: 'write-in'; text: string };

export const answerSchema = z.union([
  z.object({ kind: z.literal('plurality'), candidate: z.number().int().min(0).nullable() }).strict(),
  z.object({ kind: z.literal('approval'), candidates: z.array(z.number().int().min(0)) }).strict(),
  z.object({ kind: z.literal('ranked'), ranking: z.array(z.number().int().min(0)) }).strict(),
  z.object({ kind: z.literal('write-in'), text: z.string() }).strict(),
]);
