/**
 * `@ostraka/shuffle/internal`: the protocol drivers and their building blocks, for the worker
 * pool, benchmarks and tests. Not a stable API: use `@ostraka/shuffle` and
 * `@ostraka/shuffle/pool`.
 */
export { runSync, syncExecutor, splitRanges, type Driver, type Executor } from './drivers/executor.js';
export { shuffleDriver } from './drivers/shuffle.js';
export { proveDriver, PROOF_KEY_TAG, type ProverDeviations } from './drivers/prove.js';
export { verifyDriver, type RecomputedValues } from './drivers/verify.js';
export { runTask } from './tasks/run-task.js';
export type { Task } from './tasks/types.js';
export { generatePermutation, invertPermutation } from './permutation.js';
export { prfBytes, prfScalar, type PrfLabel } from './prf.js';
export { ChallengeVector, generatorsSeed, statementTranscript, SHUFFLE_PROTOCOL, GENERATORS_PROTOCOL, U_BITS } from './transcript.js';
export { resolveStatement, countCiphertexts, mixStep, type ResolvedStatement } from './statement.js';
export { checkProofShape, proofLayout, HEADER_LENGTH } from './proof-layout.js';
