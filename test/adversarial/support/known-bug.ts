import { it } from 'vitest';

/**
 * A test that shows a bug this suite found and that is not fixed yet (docs/reliability.md lists
 * them). It asserts the correct behaviour and is marked as expected to fail, so that the suite
 * stays green while the bug is open and turns red the day it is fixed (then make it a plain `it`).
 * `OSTRAKA_KNOWN_BUGS=1 npx vitest run test/adversarial` runs these as plain tests, to watch them fail.
 */
export const knownBug: typeof it.fails = process.env.OSTRAKA_KNOWN_BUGS ? (it as typeof it.fails) : it.fails;
