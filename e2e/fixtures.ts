import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every spec fails on a console error or an uncaught page error, and can save named screenshots
 * under e2e/screenshots/ (looked at by people reviewing a change).
 */
export const test = base.extend<{ consoleErrors: string[]; shot: (name: string) => Promise<void> }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
  shot: async ({ page }, use, testInfo) => {
    const dir = join(import.meta.dirname, 'screenshots');
    mkdirSync(dir, { recursive: true });
    await use(async (name: string) => {
      await page.screenshot({ path: join(dir, `${testInfo.titlePath[0]?.replace(/\.spec\.ts$/, '')}-${name}.png`), fullPage: true });
    });
  },
});

export { expect };
export type { Page };
