import { defineConfig } from 'drizzle-kit';

/** `pnpm db:generate --name <what_changed>` writes the next SQL migration into ./drizzle from the schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
  casing: 'snake_case',
});
