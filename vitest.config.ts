import { defineConfig } from 'vitest/config';

// Unit and integration tests (Playwright specs live in e2e/ and run separately).
export default defineConfig({
  test: {
    include: ['{nodes,server,runners,prisma,cli,app,bench,scripts}/**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
