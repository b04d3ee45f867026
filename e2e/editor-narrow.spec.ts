import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';

/**
 * A 1024 px window: the sidebar shows icons, the palette starts folded and the side panel folds, so
 * the canvas keeps most of the width; clicking a node while the panel is folded brings its settings back.
 */
test('on a narrow screen the panels fold for the canvas, and a clicked node unfolds its settings', async ({ page, shot }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/graphs');
  await page.getByRole('link', { name: 'Example: answer questions' }).click();
  const editor = new EditorPage(page);
  await expect(editor.canvas).toBeVisible();
  await editor.settled();
  // the palette starts folded; the canvas has most of the window
  await expect(page.getByRole('button', { name: 'Nodes', exact: true })).toHaveAttribute('title', 'Show the node palette');
  await expect(page.getByLabel('Search nodes')).toHaveCount(0);
  const canvas = await editor.canvas.boundingBox();
  expect(canvas!.width).toBeGreaterThan(600);

  await page.getByRole('button', { name: 'Fold the side panel' }).click();
  await expect(page.getByRole('region', { name: 'This graph' })).toHaveCount(0);
  expect((await editor.canvas.boundingBox())!.width).toBeGreaterThan(850);
  await shot('folded');

  await editor.selectNode('retrieve');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('retrieve.pgvector@1')).toBeVisible();
  await shot('node-unfolds-settings');
});
