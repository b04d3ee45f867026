import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, planSpec, queryPlan, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/**
 * Sticky notes: added from the canvas controls, typed into in place, moved by their strip and resized
 * by their handles, autosaved with the draft and kept by a version; a comparison lists them apart
 * from the graph, which they do not change.
 */
test('leave a note on the canvas, move and resize it, keep it in a version, delete and undo', async ({ page, request, shot }) => {
  const plan = queryPlan();
  const graph = await api.createGraph(request, uniqueName('Annotated'), planSpec(plan, plan.field.first));
  await api.saveVersion(request, graph.id, null, 'Initial');
  const editor = new EditorPage(page);
  await editor.open(graph.id);

  await page.getByRole('button', { name: 'Add a note' }).click();
  const note = page.getByTestId('note-note-1');
  await expect(note).toBeVisible();
  const text = note.getByLabel('Note note-1');
  await expect(text).toBeFocused(); // ready to type
  await page.keyboard.type('Relevance feedback: +0.006 nDCG@10 on SciFact train.');
  await expect(editor.node(plan.nodes[0]!.id)).toBeVisible(); // typing "n" or "f" did not trigger shortcuts

  const before = await box(note);
  await editor.dragBy(note.locator('.note-grip'), { x: 120, y: 60 });
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } }); // deselect…
  await note.locator('.note-grip').click(); // …and select again: the resize handles show
  await editor.dragBy(page.locator('.react-flow__resize-control.handle.bottom.right'), { x: 100, y: 50 });
  await editor.waitSaved();
  const stored = (await api.graph(request, graph.id)).draft.notes ?? [];
  expect(stored).toHaveLength(1);
  expect(stored[0]!.text).toBe('Relevance feedback: +0.006 nDCG@10 on SciFact train.');
  expect(stored[0]!.width).toBeGreaterThan(300);
  const after = await box(note);
  expect(after.x - before.x).toBeGreaterThan(80);
  expect(after.width - before.width).toBeGreaterThan(60);
  await shot('note');

  await editor.saveVersion('Explain the feedback setting');
  await expect(editor.versionBadge).toHaveText('v2');
  await editor.compareVersions(2, 1);
  await expect(page.getByRole('region', { name: 'Comparison' }).first()).toContainText('v1 and v2 are the same graph (notes: 1 added)');
  await shot('compared');

  await page.reload();
  await expect(note.getByLabel('Note note-1')).toHaveValue('Relevance feedback: +0.006 nDCG@10 on SciFact train.');
  await note.locator('.note-grip').click();
  await expect(page.locator('.inspector')).toContainText('1 note selected.');
  await page.keyboard.press('Delete');
  await expect(note).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(note).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n'); // the shortcut adds another, focused
  await expect(page.getByTestId('note-note-2').getByLabel('Note note-2')).toBeFocused();
});

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}
