import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';

/**
 * A 1024 px window: the sidebar shows icons, the palette starts folded and the side panel folds, so
 * the canvas keeps most of the width; clicking a node while the panel is folded brings its settings back.
 */
test('on a narrow screen the panels fold for the canvas, and a clicked node unfolds its settings', async ({ page, shot }) => {
  const editor = await openExampleAt1024(page);
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

/**
 * The layout outlives a reload (per browser): here the user's unfolded palette wins over the narrow
 * window's default, the folded side panel stays folded, and the run panel keeps the height it was
 * dragged to. Each fold or unfold fits the graph into the resized canvas.
 */
test('the editor keeps its folds and the run panel height over a reload, and re-fits the graph on each fold', async ({ page, shot }) => {
  const editor = await openExampleAt1024(page);

  // unfolding the palette narrows the canvas from the left: the graph is fitted into what is left
  await page.getByRole('button', { name: 'Nodes', exact: true }).click();
  await expect(page.getByLabel('Search nodes')).toBeVisible();
  await expectGraphFitted(editor);
  await shot('palette-unfolded');
  // folding the side panel widens it: the graph is centred in the wider canvas, not left beside empty space
  await page.getByRole('button', { name: 'Fold the side panel' }).click();
  await expect(page.locator('.side-panel.folded')).toBeVisible();
  await expectGraphFitted(editor);

  await page.getByRole('button', { name: '▶ Run' }).first().click();
  const runPanel = page.getByTestId('run-panel');
  await expect(runPanel.getByLabel('Question')).toBeFocused();
  const opened = (await runPanel.boundingBox())!.height;
  const handle = (await page.getByRole('separator', { name: 'Resize the run panel' }).boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 - 120, { steps: 6 });
  await page.mouse.up();
  const dragged = (await runPanel.boundingBox())!.height;
  expect(dragged).toBeGreaterThan(opened + 100);
  await shot('before-reload');

  await page.reload();
  await expect(editor.canvas).toBeVisible();
  await editor.settled();
  await expect(page.getByLabel('Search nodes')).toBeVisible();
  await expect(page.locator('.side-panel.folded')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Fold the side panel' })).toHaveCount(0);
  await page.getByRole('button', { name: '▶ Run' }).first().click();
  await expect(runPanel.getByLabel('Question')).toBeFocused();
  expect(Math.abs((await runPanel.boundingBox())!.height - dragged)).toBeLessThanOrEqual(1);
  await editor.settled();
  await shot('after-reload');

  // unfolding the side panel from its strip narrows the canvas from the right: the graph is fitted again
  await page.locator('.side-panel.folded').getByRole('button', { name: 'Inspector' }).click();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
  await expectGraphFitted(editor);
  await shot('side-panel-unfolded');
});

/** Every node lies inside the canvas (none under a panel or past its edge), and the graph is centred in it: fitted. */
async function expectGraphFitted(editor: EditorPage) {
  await editor.settled();
  await expect(async () => {
    const canvas = (await editor.canvas.boundingBox())!;
    const nodes = await editor.page.locator('.react-flow__node').evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { id: element.getAttribute('data-id'), left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      }),
    );
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.left, `${node.id} left`).toBeGreaterThanOrEqual(canvas.x);
      expect(node.right, `${node.id} right`).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(node.top, `${node.id} top`).toBeGreaterThanOrEqual(canvas.y);
      expect(node.bottom, `${node.id} bottom`).toBeLessThanOrEqual(canvas.y + canvas.height);
    }
    const graphLeft = Math.min(...nodes.map((n) => n.left));
    const graphRight = Math.max(...nodes.map((n) => n.right));
    expect(Math.abs((graphLeft + graphRight) / 2 - (canvas.x + canvas.width / 2)), 'graph centred across the canvas').toBeLessThan(30);
  }).toPass({ timeout: 5_000 });
}

/** The example query graph in the editor, in a 1024 px window. */
async function openExampleAt1024(page: Page): Promise<EditorPage> {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/graphs');
  await page.getByRole('link', { name: 'Example: answer questions' }).click();
  const editor = new EditorPage(page);
  await expect(editor.canvas).toBeVisible();
  await editor.settled();
  return editor;
}
