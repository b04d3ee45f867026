import { defineConfig } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EDITOR_CREDENTIALS } from './editor-credentials';

/**
 * Browser specs against the real server (`npm start` path: build + server/http/main.ts) on a fresh
 * data folder, with Debian's Chromium. DATABASE_URL / REDIS_URL pass through when set.
 */
const PORT = Number(process.env.E2E_PORT ?? 3217);
const madeHere = !process.env.E2E_DATA_DIR;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ragraph-e2e-'));
process.env.E2E_DATA_DIR = dataDir; // workers re-evaluate this file: keep one folder
// the folder made for this run (an embedded database, about 40 MB) goes when the run ends, after
// the server has stopped; a folder named by E2E_DATA_DIR belongs to whoever named it
if (madeHere) process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: '../test-results/playwright',
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    httpCredentials: EDITOR_CREDENTIALS,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node scripts/start.mjs',
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', EDITOR_USER: EDITOR_CREDENTIALS.username, EDITOR_PASSWORD: EDITOR_CREDENTIALS.password },
  },
});
