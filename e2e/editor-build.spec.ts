import { expect, test } from './fixtures';
import { api, queryPlan, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/**
 * Builds a query graph from an empty canvas the way a user does: drag each node from the palette,
 * draw every edge between ports, configure a field, and save version 1.
 */
test('build a query graph by drag and drop, configure it and save version 1', async ({ page, request, shot }) => {
  const editor = new EditorPage(page);
  const plan = queryPlan();
  const graphId = await editor.createBlank(uniqueName('Built by hand'));
  await expect(editor.versionBadge).toHaveText('no versions');
  await expect(editor.validation).toContainText('2 problems'); // no entry, no exit

  for (const node of plan.nodes) {
    await editor.dragFromPalette(node.type, node.at);
    await expect(editor.node(node.id)).toBeVisible();
    await expect(editor.node(node.id)).toHaveAttribute('data-node-type', node.type);
  }
  // every node landed where it was dropped: the canvas did not pan or zoom under the user
  await expect(page.locator('.react-flow__viewport')).toHaveAttribute('style', /translate\(0px, 0px\) scale\(1\)/);
  await shot('nodes-placed');

  for (const [i, edge] of plan.edges.entries()) {
    await editor.connect(edge.from, edge.to);
    await expect(editor.edges).toHaveCount(i + 1);
  }
  await expect(editor.validation).toHaveText('✓ Valid');

  await editor.selectNode(plan.field.node);
  const field = editor.field(plan.field.label);
  await field.fill(plan.field.first);
  await expect(editor.node(plan.field.node)).toContainText(plan.field.first); // the node shows its configured value
  await editor.waitSaved();
  await shot('configured');

  await editor.saveVersion('First version, built by hand');
  await expect(editor.versionBadge).toHaveText('v1');
  await expect(editor.canvasStatus).toContainText('Saved version 1');
  await editor.fitView();
  await shot('saved-v1');

  // the name is edited in place
  const renamed = uniqueName('Hand-built RAG');
  await page.getByLabel('Graph name').fill(renamed);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await api.graph(request, graphId)).name).toBe(renamed);

  // what the server stored is what was drawn
  const [v1] = await api.listVersions(request, graphId);
  const stored = await api.version(request, v1!.id);
  expect(stored.spec.nodes.map((n) => n.type).sort()).toEqual(plan.nodes.map((n) => n.type).sort());
  const byId = new Map(stored.spec.nodes.map((n) => [n.id, n]));
  expect(byId.get(plan.field.node)?.config).toEqual({ [plan.field.key]: plan.field.first });
  const edgeKeys = stored.spec.edges.map((e) => `${e.from.node}.${e.from.port}>${e.to.node}.${e.to.port}`).sort();
  expect(edgeKeys).toEqual(plan.edges.map((e) => `${e.from.join('.')}>${e.to.join('.')}`).sort());
});
