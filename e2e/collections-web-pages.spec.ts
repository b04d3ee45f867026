import { htmlPage, startTestSite, type SitePage, type TestSite } from '../nodes/testing/web-site';
import { expect, test } from './fixtures';

let site: TestSite;
const pages: Record<string, SitePage> = {
  '/handbook/': { body: htmlPage('Staff handbook', 'Start here for policies.', ['leave', 'travel', 'retired', 'archive/2019']) },
  '/handbook/archive/2019': { body: htmlPage('Archived policies', 'Superseded.') },
  '/handbook/leave': { body: htmlPage('Leave policy', 'Employees get 30 days of paid leave per year.') },
  '/handbook/travel': { body: htmlPage('Travel policy', 'Trains are preferred for trips under 600 km.') },
};
test.beforeAll(async () => {
  site = await startTestSite(pages);
});
test.afterAll(async () => {
  await site?.close();
});

/**
 * A new collection filled from web pages: the address of a start page, its links followed one deep.
 * The server's own network is refused until allowed (the test site runs on this machine); then the
 * pages are stored, the page that is gone is named with its reason, and the collection lists each page
 * by its title and address. Loaded again, a changed page is replaced and one deleted from the site removed.
 */
test('load web pages and the pages they link to into a new collection', async ({ page, shot }) => {
  const collection = `web-${Date.now().toString(36)}`;
  await page.goto(`/collections/${collection}`);
  const panel = page.getByTestId('upload-panel');
  await panel.getByRole('tab', { name: 'Web pages' }).click();
  const form = panel.getByTestId('web-pages-form');

  // a typo is caught before anything runs
  await form.getByLabel('Addresses', { exact: true }).fill('handbook/leave');
  await expect(form.getByRole('alert')).toHaveText('address "handbook/leave" is not a URL: give a full address such as https://example.com/docs');
  await expect(form.getByRole('button', { name: /^Load 1 page into/ })).toBeDisabled();

  await form.getByLabel('Addresses', { exact: true }).fill(`${site.url}/handbook/`);
  await form.getByLabel('Follow links').selectOption({ label: 'Yes, one link deep' });
  await expect(form.getByLabel('Which links')).toHaveValue('path');
  await form.getByLabel('Skip links to').fill('/handbook/archive/');
  await shot('web-pages-form');

  // on this machine's network: refused, and the error says which switch allows it
  await form.getByRole('button', { name: `Load 1 page and its links into ${collection}` }).click();
  const progress = panel.getByTestId('ingest-progress');
  await expect(progress).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(progress).toContainText('a private or local network address');
  await shot('web-pages-refused');

  await form.getByLabel('Addresses', { exact: true }).fill(`${site.url}/handbook/`);
  await expect(form.getByLabel('Skip links to')).toHaveValue('/handbook/archive/');
  await form.getByLabel("Allow addresses on this server's network (intranet, localhost)").check();
  await form.getByRole('button', { name: `Load 1 page and its links into ${collection}` }).click();
  await expect(progress).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(panel.getByTestId('ingest-summary')).toContainText('Stored 3 documents');
  const unloaded = panel.getByTestId('unloaded-page');
  await expect(unloaded).toHaveCount(1);
  await expect(unloaded).toContainText(`${site.url}/handbook/retired — answered HTTP 404 Not Found REMOTE_ERROR`);
  await expect(panel.getByTestId('ingest-unloaded')).toContainText('1 page could not be loaded');

  // the collection now exists and lists each page by its title
  const rows = page.getByTestId('document-row');
  await expect(rows).toHaveCount(3, { timeout: 15_000 });
  await expect(rows.filter({ hasText: 'Leave policy' })).toContainText(`${site.url}/handbook/leave`);
  await expect(rows.filter({ hasText: 'Travel policy' })).toBeVisible();
  await shot('web-pages-loaded');

  // the addresses are kept as a web source: loaded again on a schedule, or now
  const source = page.getByTestId('web-source');
  await expect(source).toHaveCount(1);
  await expect(source).toContainText(`${site.url}/handbook/`);
  await expect(source).toContainText('and links 1 deep, under the same folder (at most 50 pages), skipping /handbook/archive/');
  expect(site.requests).not.toContain('/handbook/archive/2019');
  await expect(source.locator('[data-status]')).toHaveAttribute('data-status', 'succeeded');
  await source.getByLabel(`Load ${site.url}/handbook/ again`).selectOption({ label: 'Every week' });
  await expect(source).toContainText('next ');
  // the site changes: a page is rewritten, another deleted (its link with it)
  pages['/handbook/travel'] = { body: htmlPage('Travel and expenses', 'Trains are preferred for trips under 600 km; taxis need a receipt.') };
  pages['/handbook/'] = { body: htmlPage('Staff handbook', 'Start here for policies.', ['travel', 'retired', 'archive/2019']) };
  delete pages['/handbook/leave'];
  const lastRun = await source.getByRole('link').getAttribute('href');
  await source.getByRole('button', { name: 'Refresh now' }).click();
  await expect(source.getByRole('link')).not.toHaveAttribute('href', lastRun!);
  await expect(source.locator('[data-status]')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(rows.filter({ hasText: 'Travel and expenses' })).toBeVisible({ timeout: 15_000 });
  // the deleted page was checked although nothing links to it any more, and left with the site
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Leave policy' })).toHaveCount(0);
  expect(site.requests.filter((r) => r === '/handbook/leave')).toHaveLength(2);
  await expect(source.getByTestId('web-source-outcome')).toHaveText('2 pages · 1 removed · 1 could not be loaded');
  await shot('web-sources');

  // its settings can change without adding it again: they apply from the next load
  await source.getByRole('button', { name: `Settings of the web source ${site.url}/handbook/` }).click();
  const settings = page.getByRole('dialog', { name: 'Web source settings' });
  await expect(settings.getByLabel('Follow links')).toHaveValue('1');
  await expect(settings.getByLabel('Skip links to')).toHaveValue('/handbook/archive/');
  await settings.getByLabel('Pages at most').fill('0');
  await expect(settings.getByRole('alert')).toHaveText('Pages at most: a whole number from 1 to 1,000.');
  await expect(settings.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await settings.getByLabel('Pages at most').fill('20');
  await settings.getByLabel('Which links').selectOption({ label: 'Anywhere on the same site' });
  await shot('web-source-settings');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);
  await expect(source).toContainText('and links 1 deep, anywhere on the site (at most 20 pages), skipping /handbook/archive/');

  // the load is a run like any other, with the page loader in the File input's place
  await source.getByRole('link').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByText('io.web-input')).toBeVisible();
  await expect(page.getByText('"urls"')).toBeVisible();
  await expect(page.getByText('"known"')).toBeVisible();
  await shot('web-run');

  // removing the source asks first, and keeps the pages
  await page.goBack();
  await source.getByRole('button', { name: `Remove the web source ${site.url}/handbook/` }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove web source?' });
  await expect(confirm).toContainText('The pages already loaded stay');
  await confirm.getByRole('button', { name: 'Remove web source' }).click();
  await expect(page.getByTestId('web-sources')).toHaveCount(0);
  await expect(rows).toHaveCount(2);
});
