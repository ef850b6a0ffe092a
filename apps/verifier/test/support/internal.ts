/** The verifier's building blocks, as the compiled package exports them (tests run the built JavaScript). */
export * from 'ostraka-verify/internal';
import { VerifierPool } from 'ostraka-verify';

export const VerifierPoolForTests = (workers = 2) => new VerifierPool(workers);
