import { defineConfig } from 'vitest/config';

// Tests import the workspace packages by name, which resolves to their compiled `dist/`:
// tests, CLIs and worker threads all run the same JavaScript (`npm test` builds first).
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/slow-*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
