import { htmlPage, startTestSite } from '../nodes/testing/web-site';
import { expect, test } from './fixtures';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/** "New graph" offers the examples and the templates; a template opens as a valid graph with its note. */
test('start a graph from a template', async ({ page, request, shot }) => {
  await page.goto('/graphs');
  await page.getByRole('button', { name: 'New graph' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New graph' });
  await expect(dialog.getByRole('group', { name: 'Examples' }).getByRole('radio')).toHaveCount(2);
  await expect(dialog.getByRole('group', { name: 'Templates' }).getByRole('radio')).toHaveCount(5);
  const name = uniqueName('From template');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel(/Answer from two collections/).check();
  await shot('dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/graphs\/[0-9a-f-]{36}$/);

  const editor = new EditorPage(page);
  await expect(editor.node('merge')).toBeVisible();
  await expect(editor.validation).toContainText('Valid');
  await editor.settled();
  await expect(page.getByTestId('note-note-1')).toContainText('Two collections searched side by side');
  await shot('editor');
  const graph = await api.graph(request, page.url().split('/').pop()!);
  expect(graph.name).toBe(name);
  expect(graph.description).toContain('Searches the "docs" and "notes" collections');
  expect(graph.draft.nodes.map((n) => n.id)).toContain('notes');
});

/**
 * The web pages template in the editor: the run panel asks for addresses; this machine's network is
 * refused as shipped, with the node setting named, and loads once the node allows it.
 */
test('run the web pages template from the editor', async ({ page, shot }) => {
  const site = await startTestSite({
    '/faq/': { body: htmlPage('FAQ', 'Answers to common questions.', ['billing']) },
    '/faq/billing': { body: htmlPage('Billing', 'Invoices are sent on the first day of each month.') },
  });
  try {
    await page.goto('/graphs');
    await page.getByRole('button', { name: 'New graph' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New graph' });
    await dialog.getByLabel('Name', { exact: true }).fill(uniqueName('Web pages'));
    await dialog.getByLabel(/Ingest web pages/).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/graphs\/[0-9a-f-]{36}$/);
    const editor = new EditorPage(page);
    await expect(editor.validation).toContainText('Valid');
    await editor.settled();

    await page.getByRole('button', { name: '▶ Run' }).first().click();
    const panel = page.getByTestId('run-panel');
    const addresses = panel.getByLabel('Web pages');
    await addresses.fill('faq/billing');
    await expect(panel.getByText('address "faq/billing" is not a URL')).toBeVisible();
    await expect(panel.getByRole('button', { name: '▶ Run' })).toBeDisabled();
    await addresses.fill(`${site.url}/faq/`);
    await panel.getByRole('button', { name: '▶ Run' }).click();
    await expect(panel.getByRole('alert')).toContainText('127.0.0.1 is a private or local network address', { timeout: 60_000 });
    await expect(panel.getByRole('alert')).toContainText('allowPrivateNetwork');

    await editor.selectNode('pages');
    await editor.field('Allow private network').check();
    await editor.waitSaved();
    await panel.getByRole('button', { name: '▶ Run' }).click();
    await expect(panel.getByTestId('run-node-store')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
    await expect(panel).toContainText('"documents": 2');
    await shot('web-pages-run');
  } finally {
    await site.close();
  }
});
