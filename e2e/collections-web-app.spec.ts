import { startTestSite, type TestSite } from '../nodes/testing/web-site';
import { expect, test } from './fixtures';

let site: TestSite;
test.beforeAll(async () => {
  site = await startTestSite({
    // a single-page app: the HTML is an empty shell, the script writes the content
    '/status/': { body: '<!doctype html><html><head><title>Loading</title><script src="/status/app.js"></script></head><body><div id="root"></div></body></html>' },
    '/status/app.js': {
      type: 'text/javascript',
      body: `addEventListener('DOMContentLoaded', async () => {
        const status = await (await fetch('/status/api.json')).json();
        document.title = status.title;
        document.getElementById('root').innerHTML = '<h1>' + status.title + '</h1><p>' + status.text + '</p>';
      });`,
    },
    '/status/api.json': { type: 'application/json', body: JSON.stringify({ title: 'Service status', text: 'All systems operational since Monday.' }) },
  });
});
test.afterAll(async () => {
  await site?.close();
});

/**
 * A page built by JavaScript: loaded as it is, it is an empty shell the parser refuses; with Render
 * JavaScript it is stored as the browser shows it, and its web source says it is rendered. Removing
 * the source with its pages empties the collection again.
 */
test('load a page built by JavaScript by rendering it', async ({ page, shot }) => {
  const collection = `app-${Date.now().toString(36)}`;
  await page.goto(`/collections/${collection}`);
  const panel = page.getByTestId('upload-panel');
  await panel.getByRole('tab', { name: 'Web pages' }).click();
  const form = panel.getByTestId('web-pages-form');
  await form.getByLabel('Addresses', { exact: true }).fill(`${site.url}/status/`);
  await form.getByLabel("Allow addresses on this server's network (intranet, localhost)").check();
  const load = form.getByRole('button', { name: `Load 1 page into ${collection}` });
  const progress = panel.getByTestId('ingest-progress');

  // as served: nothing to read, and the message points at the switch
  await load.click();
  await expect(progress).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(progress).toContainText('JavaScript');

  await form.getByLabel('Addresses', { exact: true }).fill(`${site.url}/status/`);
  await form.getByLabel(/^Render JavaScript/).check();
  await shot('render-javascript');
  await load.click();
  await expect(progress).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  const rows = page.getByTestId('document-row');
  await expect(rows).toHaveCount(1, { timeout: 15_000 });
  await expect(rows.first()).toContainText('Service status');
  await expect(page.getByTestId('web-source')).toContainText('these pages only, JavaScript rendered');
  await shot('rendered');

  // removing the source can take its pages with it
  await page.getByTestId('web-source').getByRole('button', { name: `Remove the web source ${site.url}/status/` }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove web source?' });
  await expect(confirm).toContainText('The pages already loaded stay');
  await confirm.getByLabel(/^Also delete its pages/).check();
  await expect(confirm).not.toContainText('The pages already loaded stay');
  await shot('remove-with-pages');
  await confirm.getByRole('button', { name: 'Remove web source' }).click();
  await expect(page.getByTestId('web-sources')).toHaveCount(0);
  await expect(rows).toHaveCount(0);
});
