/**
 * Marks the outcome of one equation or cryptographic check the documents define (a signature, a
 * proof, a hash equality), under a stable id listed in EQUATIONS. It returns its argument
 * unchanged.
 *
 * Why it exists: the verifier's mutation tests (test/mutation.test.ts) copy the compiled
 * verifier and replace this one function so that a chosen equation always holds, then show a
 * tampered transcript that the real verifier rejects and the mutant accepts: proof that the
 * equation is checked, and that a test would notice if it stopped being checked.
 */
export function equation(id: EquationId, holds: boolean): boolean {
  return holds;
}

export const EQUATIONS = [
  'log.leaf-hash',
  'log.entry-signature',
  'log.head-root',
  'log.head-signature',
  'api.key-proof',
  'api.text-signature',
  'election.consensus-id',
  'ceremony.file-signature',
  'ceremony.identity-proof',
  'ceremony.deal-proof',
  'ceremony.complaint-proof',
  'ceremony.share',
  'ceremony.joint-key',
  'ceremony.finalization-keys',
  'ceremony.finalization-proof',
  'ballot.proof',
  'ballot.fresh-components',
  'ballot.box-hash',
  'mix.input-hash',
  'mix.output-hash',
  'shuffle.proof',
  'decryption.partial-proof',
  'decryption.plaintexts',
  'tally.plaintexts-hash',
  'tally.count',
] as const;

export type EquationId = (typeof EQUATIONS)[number];
