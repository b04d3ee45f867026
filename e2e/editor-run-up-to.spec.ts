import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/**
 * "Run up to here" on a graph still being built (no output node yet, so the draft cannot run
 * whole): only the retriever and what feeds it run, and the panel lists the passages it found;
 * each node's settings then show what it gave in that run.
 */
test('run an unfinished graph up to its retriever and read the passages', async ({ page, request, shot }) => {
  expect((await runsApi.uploadDocs(request, 'docs')).status).toBe('succeeded');
  const node = (id: string, type: string, x: number, config: Record<string, unknown> = {}) => ({ id, type, typeVersion: 1, config, position: { x, y: 0 } });
  const graph = await api.createGraph(request, uniqueName('Half built'), {
    schemaVersion: 1,
    nodes: [node('query-input', 'io.query-input', 0), node('embed', 'embed.glove', 260), node('retrieve', 'retrieve.pgvector', 520, { collection: 'docs', topK: 3 })],
    edges: [
      { id: 'e1', from: { node: 'query-input', port: 'query' }, to: { node: 'embed', port: 'query' } },
      { id: 'e2', from: { node: 'embed', port: 'vector' }, to: { node: 'retrieve', port: 'query' } },
    ],
  });
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await expect(editor.validation).toContainText('problem'); // no output node: the whole draft cannot run

  await editor.selectNode('retrieve');
  await page.locator('.inspector').getByRole('button', { name: 'Run up to here' }).click();
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByLabel('What to run')).toHaveValue('upto');
  await expect(panel.getByLabel('Question')).toBeFocused();
  await page.keyboard.type('How often should I oil a bicycle chain?');
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(panel.getByTestId('run-node-retrieve')).toHaveAttribute('data-status', 'succeeded');
  await expect(panel.getByText('bicycle-care', { exact: false }).first()).toBeVisible();
  await expect(panel.getByTestId('run-node-query-input')).toBeVisible();
  await shot('passages');

  // the inspector keeps what each node gave in that run, a click away
  const lastRun = page.getByTestId('last-run-output');
  await expect(lastRun).toContainText('In the last run: succeeded');
  await lastRun.locator('summary').click();
  await expect(lastRun.getByTestId('run-passages')).toContainText('3 passages in retrieved');
  await editor.selectNode('embed');
  await lastRun.locator('summary').click();
  await expect(lastRun).toContainText('"vector"');
  await shot('embed-output');

  // the toolbar over a selected node offers the same, and duplicates and deletes it
  const toolbar = page.getByLabel('Actions on embed');
  await toolbar.getByRole('button', { name: 'Run up to here' }).click();
  await expect(panel.getByLabel('What to run')).toHaveValue('upto');
  await expect(panel.getByLabel('What to run').locator('option:checked')).toHaveText('Up to embed');
  await toolbar.getByRole('button', { name: 'Duplicate' }).click();
  await expect(editor.node('embed-2')).toBeVisible();
  await page.getByLabel('Actions on embed-2').getByRole('button', { name: 'Delete' }).click();
  await expect(editor.node('embed-2')).toHaveCount(0);
});
