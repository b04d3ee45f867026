import { expect, test } from './fixtures';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/** "New graph" offers the examples and the templates; a template opens as a valid graph with its note. */
test('start a graph from a template', async ({ page, request, shot }) => {
  await page.goto('/graphs');
  await page.getByRole('button', { name: 'New graph' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New graph' });
  await expect(dialog.getByRole('group', { name: 'Examples' }).getByRole('radio')).toHaveCount(2);
  await expect(dialog.getByRole('group', { name: 'Templates' }).getByRole('radio')).toHaveCount(4);
  const name = uniqueName('From template');
  await dialog.getByLabel('Name').fill(name);
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
