import { expect, test } from './fixtures';
import { api, planSpec, queryPlan, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/** "Tidy up" lays a heaped graph out by data flow, nodes apart and every edge running forward; Ctrl+Z puts it back. */
test('tidy up a heaped graph, then undo it, and find a node in it', async ({ page, request, shot }) => {
  const plan = queryPlan();
  const spec = planSpec(plan, plan.field.first);
  // every node piled near one spot, overlapping
  spec.nodes = spec.nodes.map((n, i) => ({ ...n, position: { x: (i % 3) * 40, y: (i % 2) * 30 } }));
  const graph = await api.createGraph(request, uniqueName('Heaped'), spec);
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await shot('heaped');

  await page.getByRole('button', { name: 'Tidy up the layout' }).click();
  await expect(editor.canvasStatus).toContainText('Laid out by data flow');
  await editor.settled();
  await editor.waitSaved();
  const tidy = (await api.graph(request, graph.id)).draft;
  const at = new Map(tidy.nodes.map((n) => [n.id, n.position]));
  // every edge runs forward in reading order: to the right, or on to a band below
  for (const e of tidy.edges) {
    const [from, to] = [at.get(e.from.node)!, at.get(e.to.node)!];
    expect(to.x > from.x || to.y > from.y, `${e.from.node} → ${e.to.node}`).toBe(true);
  }
  const boxes = await Promise.all(tidy.nodes.map((n) => editor.node(n.id).boundingBox()));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${tidy.nodes[i]!.id} and ${tidy.nodes[j]!.id} overlap`).toBe(true);
    }
  }
  await shot('tidy');

  await page.keyboard.press('l'); // again: nothing left to move
  await expect(editor.canvasStatus).toContainText('already tidy');
  await page.keyboard.press('Control+z');
  await editor.waitSaved();
  const undone = (await api.graph(request, graph.id)).draft;
  expect(undone.nodes.map((n) => n.position)).toEqual(spec.nodes.map((n) => n.position));

  // Ctrl+F finds a node by its type and brings it into view, selected
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+f');
  const find = page.getByRole('search', { name: 'Find a node' });
  await expect(find.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('pgvector');
  await expect(find).toContainText('1 found');
  await page.keyboard.press('Enter');
  await expect(find).toContainText('1 of 1');
  await expect(page.locator('.inspector h3')).toHaveText('Retriever (pgvector)');
  await shot('found');
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();
});
