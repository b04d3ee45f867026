import { defineConfig } from 'vitest/config';

// Unit and integration tests (Playwright specs live in e2e/ and run separately). Suites that need
// Postgres and Redis together (worker failover) join when both are configured.
const servers = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

export default defineConfig({
  test: {
    include: ['{nodes,server,runners,prisma,cli,app,bench,scripts}/**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', ...(servers ? [] : ['runners/failover.test.ts'])],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
