import { z } from 'zod';
import { ELECTION_STATES } from '@ostraka/protocol';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const keyId = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * What the mix server reads of `GET /elections/:id` (docs/api.md §Elections), checked once at the
 * boundary: the board is a remote party and its answers are input like any other. Fields the mix
 * server does not use are allowed and ignored, so that the board can grow its answer.
 */
export const electionViewSchema = z.object({
  id: z.string(),
  state: z.enum(ELECTION_STATES),
  manifest: z.object({
    group: z.enum(['ristretto255', 'p256']),
    board: z.string(),
    mixServers: z.array(keyId).min(1),
  }),
  width: z.int().min(1),
  consensus_id: hex32.nullable(),
  joint_key: z.string().regex(/^(?:[0-9a-f]{2})+$/).nullable(),
  input: z.object({ hash: hex32, count: z.int().min(0) }).nullable(),
  rounds: z.array(z.object({ output_hash: hex32, count: z.int().min(0), peer: keyId, cycle: z.int().min(1) })),
});
export type ElectionView = z.infer<typeof electionViewSchema>;

/** The list hash the log fixes as the input of `round` (1-based), or null while it is not fixed. */
export function fixedInputHash(election: ElectionView, round: number): { hash: string; count: number } | null {
  if (round === 1) return election.input;
  const previous = election.rounds[round - 2];
  return previous ? { hash: previous.output_hash, count: previous.count } : null;
}
