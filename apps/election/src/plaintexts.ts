import { z } from 'zod';

export const PLAINTEXTS_TYPE = 'election.plaintexts';

/**
 * The decrypted ballots, as the authority publishes them before the tally (docs/transcript.md
 * §10.6): for each ciphertext of the final mix output, in order, the plaintext bytes (hex), or
 * null when the decrypted elements are not a plaintext embedding. Anyone recomputes them from the
 * partial decryptions; the tally is a count of them.
 */
export const plaintextsFileSchema = z.strictObject({
  type: z.literal(PLAINTEXTS_TYPE),
  election: z.string(),
  /** The list hash of the final mix output they decrypt. */
  list: z.string().regex(/^[0-9a-f]{64}$/),
  plaintexts: z.array(z.string().regex(/^(?:[0-9a-f]{2})*$/).nullable()),
});
export type PlaintextsFile = z.infer<typeof plaintextsFileSchema>;
