import { expect, test } from './fixtures';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/**
 * A connection dropped on empty canvas opens a menu of the node types that can take its other end;
 * the pick is added there, already connected. Built here: query → GloVe → retriever → prompt, one
 * drag and one pick per node, and a drag back from an input that can take no more connections.
 */
test('drop a connection on empty canvas and pick the node that finishes it', async ({ page, request, shot }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const graph = await api.createGraph(request, uniqueName('Quick add'), {
    schemaVersion: 1,
    nodes: [{ id: 'query-input', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } }],
    edges: [],
  });
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  const menu = page.getByRole('dialog', { name: 'Add a connected node' });

  await editor.dragBy(editor.handle('query-input', 'out', 'query'), { x: 80, y: 140 });
  await expect(menu).toContainText('Connect query-input.query to a new node');
  await expect(menu.getByRole('option').first()).toBeVisible();
  await page.keyboard.type('glove');
  await expect(menu.getByRole('option')).toHaveCount(1);
  await shot('menu');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(editor.node('embed')).toBeVisible();
  await expect(editor.canvasStatus).toContainText('Added GloVe embedder');

  await editor.fitView();
  await editor.dragBy(editor.handle('embed', 'out', 'vector'), { x: 60, y: -120 });
  await menu.getByRole('button', { name: /Retriever \(pgvector\)/ }).click();
  await expect(editor.node('retrieve')).toBeVisible();

  await editor.fitView();
  await editor.dragBy(editor.handle('retrieve', 'out', 'retrieved'), { x: 60, y: -120 });
  await page.keyboard.type('prompt template');
  await page.keyboard.press('Enter');
  await expect(editor.node('prompt')).toBeVisible();

  // Escape closes the menu and adds nothing
  await editor.fitView();
  await editor.dragBy(editor.handle('prompt', 'out', 'prompt'), { x: 60, y: -120 });
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // dropped on a node's body rather than on empty canvas: no menu
  const from = (await editor.handle('prompt', 'out', 'prompt').boundingBox())!;
  const onto = (await editor.node('query-input').locator('.gnode-head').boundingBox())!;
  await editor.dragBy(editor.handle('prompt', 'out', 'prompt'), { x: onto.x + onto.width / 2 - from.x - from.width / 2, y: onto.y + onto.height / 2 - from.y - from.height / 2 });
  await expect(menu).toBeHidden();

  // from an input that already has its one connection: told so, no menu
  await editor.fitView();
  await editor.dragBy(editor.handle('retrieve', 'in', 'query'), { x: -60, y: -120 });
  await expect(menu).toBeHidden();
  await expect(editor.canvasStatus).toContainText('Input "query" of retrieve takes one connection and already has one');
  await shot('built');

  await editor.waitSaved();
  const { draft } = await api.graph(request, graph.id);
  const wires = draft.edges.map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`).sort();
  expect(wires).toEqual(['embed.vector->retrieve.query', 'query-input.query->embed.query', 'retrieve.retrieved->prompt.context']);
  expect(draft.nodes.map((n) => n.id).sort()).toEqual(['embed', 'prompt', 'query-input', 'retrieve']);

  // one pick is one undo point: the prompt and its edge go together
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(editor.node('prompt')).toHaveCount(0);
  await expect(editor.edges).toHaveCount(2);
});
