import { expect, test } from './fixtures';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/** The keyboard paths: add from the palette with Enter, undo/redo, copy/paste, duplicate, delete, help. */
test('add nodes from the palette with the keyboard, then undo, redo, copy, paste, duplicate and delete', async ({ page, request, shot }) => {
  const editor = new EditorPage(page);
  const graph = await api.createGraph(request, uniqueName('Keyboard'), { schemaVersion: 1, nodes: [], edges: [] });
  await editor.open(graph.id, { empty: true });

  await page.getByRole('button', { name: 'Add Query input' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.node('query-input')).toBeVisible();
  await page.getByRole('button', { name: 'Add Answer output' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.node('answer-output')).toBeVisible();
  await expect(editor.canvasStatus).toContainText('Added Answer output');

  await page.keyboard.press('Control+z');
  await expect(editor.node('answer-output')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(editor.node('answer-output')).toBeVisible();

  await editor.selectNode('query-input');
  await page.keyboard.press('Control+c');
  await expect(editor.canvasStatus).toContainText('Copied 1 node');
  await page.keyboard.press('Control+v');
  await expect(editor.node('query-input-2')).toBeVisible();
  await expect(editor.canvasStatus).toContainText('Pasted 1 node');
  await shot('pasted');
  await page.keyboard.press('Delete'); // the pasted copy is the selection
  await expect(editor.node('query-input-2')).toHaveCount(0);
  await editor.selectNode('answer-output');
  await page.keyboard.press('Control+d');
  await expect(editor.node('answer-output-2')).toBeVisible();
  await expect(editor.canvasStatus).toContainText('Duplicated 1 node');
  await page.keyboard.press('Delete'); // the duplicate is the selection
  await expect(editor.node('answer-output-2')).toHaveCount(0);

  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // typing in a field keeps the browser's own undo: the graph is not touched
  const search = page.getByLabel('Search nodes');
  await search.fill('io.answer-output');
  await expect(page.locator('.palette-item')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(search).toHaveValue(''); // the text edit was undone…
  await expect(page.locator('.react-flow__node')).toHaveCount(2); // …and the graph was not

  await editor.waitSaved();
  const stored = await api.graph(request, graph.id);
  expect(stored.draft.nodes.map((n) => n.id).sort()).toEqual(['answer-output', 'query-input']);
});
