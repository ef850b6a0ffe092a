/** A small deterministic generator (xorshift32), so that a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** The seed of a randomised run: $OSTRAKA_CRASH_SEED to replay one, otherwise a fresh one (printed in test names). */
export function runSeed(): number {
  return Number(process.env.OSTRAKA_CRASH_SEED ?? Date.now() % 1_000_000);
}

/**
 * Crash runs start real processes again and again, and CI runs them beside the whole suite on two
 * cores: they get more time than the default minute (the short runs take 10 to 60 s).
 */
export const CRASH_TEST_TIMEOUT_MS = 600_000;
