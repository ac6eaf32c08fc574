import { defineConfig } from 'drizzle-kit';

// The writer's drizzle schema is the source of truth; `pnpm db:generate` writes the SQL into
// migrations/. Partitioning, functions and views live in custom migrations
// (`pnpm db:generate --custom --name <name>`), committed as SQL like the generated ones.
export default defineConfig({
  dialect: 'postgresql',
  schema: './services/writer/src/schema/index.ts',
  out: './migrations',
  strict: true,
});
