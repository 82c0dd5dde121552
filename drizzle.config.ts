import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema.ts',
  out: process.env.DRIZZLE_OUT ?? './server/drizzle',
  casing: 'snake_case',
});
