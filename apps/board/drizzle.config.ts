import { defineConfig } from 'drizzle-kit';

// Dev tool only: `npm run db:generate -w @ostraka/board` writes a new migration into drizzle/
// from src/storage/schema.ts; the board applies drizzle/ with drizzle's migrator at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/storage/schema.ts',
  out: './drizzle',
});
