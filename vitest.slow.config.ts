import { defineConfig } from 'vitest/config';

// Long suites (`slow-*.test.ts`), run with `npm run test:slow`, not in CI.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/slow-*.test.ts', 'apps/*/test/**/slow-*.test.ts', 'test/**/slow-*.test.ts'],
    testTimeout: 3_600_000,
    pool: 'forks',
  },
});
