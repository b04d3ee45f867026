import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate` (see scripts/prisma-generate.mjs); migrations are SQL files
// applied by prisma/migrate.ts, in Prisma's folder format so `prisma migrate deploy` also works.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
