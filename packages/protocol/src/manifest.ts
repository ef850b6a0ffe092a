import { z } from 'zod';

/**
 * The election manifest: what an election is, fixed before the key ceremony and carried to every
 * trustee's laptop (docs/trustee-guide.md §Files). This module defines the fields the key ceremony
 * and decryption need; later parts of the election (questions, mix servers, voting period) extend
 * the same object schema with `electionManifestSchema.extend({...})`. Readers that only need the
 * ceremony fields accept a manifest with more fields and ignore them (zod's default `object`
 * strips unknown keys), so an older trustee tool still reads a newer manifest.
 */

/** An election id: lower-case letters, digits and dashes, 1 to 64 characters, starting with a letter or digit. */
export const electionIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, at most 64');

/**
 * Text shown to people (titles, names): no control or invisible formatting characters, so that a
 * name cannot move the cursor, recolour a terminal or reorder what is displayed (bidi overrides),
 * for instance to forge a line of the roster's fingerprint table.
 */
export const displayTextSchema = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, 'control and formatting characters are not allowed');

/** The largest number of trustees; every trustee index is in 1..MAX_TRUSTEES. */
export const MAX_TRUSTEES = 255;

export const trusteeThresholdSchema = z
  .object({
    /** t: any t trustees can decrypt, t − 1 learn nothing. */
    threshold: z.int().min(1).max(MAX_TRUSTEES),
    /** n: the trustees are numbered 1..n (their index in the roster). */
    count: z.int().min(1).max(MAX_TRUSTEES),
  })
  .strict()
  .refine((t) => t.threshold <= t.count, { message: 'threshold must not exceed count', path: ['threshold'] });

export const electionManifestSchema = z.object({
  /** Bound into every signature domain's payload and every Fiat–Shamir challenge of the election. */
  id: electionIdSchema,
  title: displayTextSchema(500),
  /** The prime-order group of every key, ciphertext and proof of the election. */
  group: z.enum(['ristretto255', 'p256']),
  trustees: trusteeThresholdSchema,
});

export type ElectionManifest = z.infer<typeof electionManifestSchema>;
