import { expect, test } from './fixtures';
import { api, call, planSpec, queryPlan, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/**
 * Versions from the editor: edit a config, save v2 (warned that an endpoint following the latest
 * version serves it at once), compare v1 with the draft on the canvas (the
 * changed node highlighted, the config change listed), restore v1 as v3.
 */
test('save a second version, compare it with the first, restore the first', async ({ page, request, shot }) => {
  const plan = queryPlan();
  const { field } = plan;
  const graph = await api.createGraph(request, uniqueName('Versioned'), planSpec(plan, field.first));
  const v1 = await api.saveVersion(request, graph.id, null, 'Initial');
  // an endpoint that follows the latest version: saving v2 puts it live there, and the dialog says so
  const slug = uniqueName('follows-latest').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  await call(request, 'endpoint.publish', { graphId: graph.id, slug, versionId: null }, 'mutation');
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await expect(editor.versionBadge).toHaveText('v1');

  await editor.selectNode(field.node);
  await expect(editor.field(field.label)).toHaveValue(field.first);
  await editor.field(field.label).fill(field.second);
  await editor.waitSaved();
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('dialog').getByTestId('goes-live')).toContainText(`Saving puts v2 live: endpoint ${slug} serves the latest version`);
  await shot('save-goes-live');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await editor.saveVersion(`Use ${field.second}`);
  await expect(editor.versionBadge).toHaveText('v2');

  await editor.compareWith(1);
  // the draft is still v2, just saved: the banner names it so
  await expect(page.getByTestId('canvas').getByRole('region', { name: 'Comparison' })).toContainText('Comparing v1 → v2 (the current draft)');
  const changed = editor.node(field.node);
  await expect(changed).toHaveAttribute('data-diff', 'changed');
  await expect(changed).toHaveClass(/diff-changed/);
  // other nodes are not highlighted
  const others = plan.nodes.filter((n) => n.id !== field.node);
  for (const other of others) await expect(editor.node(other.id)).not.toHaveAttribute('data-diff', /.+/);
  const listed = page.getByTestId(`diff-changed-${field.node}`);
  await expect(listed).toContainText(`${field.key}: "${field.first}" → "${field.second}"`);
  await shot('diff-v1-draft');
  await page.getByRole('button', { name: 'Close comparison' }).click();
  await expect(changed).not.toHaveAttribute('data-diff', /.+/);

  await editor.restore(1);
  await expect(editor.versionBadge).toHaveText('v3');
  await editor.selectNode(field.node);
  await expect(editor.field(field.label)).toHaveValue(field.first);
  await shot('restored-v3');

  const versions = await api.listVersions(request, graph.id);
  expect(versions.map((v) => v.number)).toEqual([3, 2, 1]);
  const v3 = await api.version(request, versions[0]!.id);
  const first = await api.version(request, v1.id);
  const configs = (spec: typeof v3.spec) => Object.fromEntries(spec.nodes.map((n) => [n.id, n.config]));
  expect(configs(v3.spec)).toEqual(configs(first.spec));
  expect(v3.spec.edges).toEqual(first.spec.edges);
});

/**
 * Two saved versions compared in History, picked from the newer one's line: listed as "v1 → v2" and
 * not drawn on the canvas while the draft is another graph; drawn once the draft is v2 again; and
 * identical versions said to be the same graph.
 */
test('compare two saved versions', async ({ page, request, shot }) => {
  const plan = queryPlan();
  const { field } = plan;
  const first = planSpec(plan, field.first);
  const graph = await api.createGraph(request, uniqueName('Two versions'), first);
  const v1 = await api.saveVersion(request, graph.id, null, 'Initial');
  // v2 changes the field and adds an output echoing the query; the draft stays v1
  const second = planSpec(plan, field.second);
  second.nodes.push({ id: 'asked-output', type: 'io.result-output', typeVersion: 1, config: { field: 'asked' }, position: { x: 600, y: 60 } });
  second.edges.push({ id: 'e-asked', from: { node: 'query-input', port: 'query' }, to: { node: 'asked-output', port: 'value' } });
  await call(request, 'version.save', { graphId: graph.id, baseVersionId: v1.id, spec: second, message: `Use ${field.second}, echo the query` }, 'mutation');
  const editor = new EditorPage(page);
  await editor.open(graph.id);

  await editor.compareVersions(2, 1);
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await expect(comparison.getByRole('heading', { level: 3 })).toHaveText('v1 → v2');
  await expect(comparison).toContainText('The canvas shows the current draft, so these changes are listed here only.');
  await expect(page.getByTestId(`diff-changed-${field.node}`)).toContainText(`${field.key}: "${field.first}" → "${field.second}"`);
  await expect(comparison.getByRole('listitem').filter({ has: page.getByText('asked-output', { exact: true }) })).toContainText('io.result-output');
  await expect(comparison).toContainText('+ query-input.query → asked-output.value');
  // the draft has the changed node, not the added one: only the first can be focused on the canvas
  await expect(comparison.getByRole('button', { name: field.node, exact: true })).toBeVisible();
  await expect(comparison.getByRole('button', { name: 'asked-output' })).toHaveCount(0);
  await expect(comparison.getByText('asked-output', { exact: true })).toHaveAttribute('title', /Not on the canvas/);
  // the canvas still shows the draft (v1), untinted and without a banner
  await expect(page.getByTestId('canvas').getByRole('region', { name: 'Comparison' })).toHaveCount(0);
  for (const node of plan.nodes) await expect(editor.node(node.id)).not.toHaveAttribute('data-diff', /.+/);
  await shot('versions-v1-v2');

  // restored, v2 is the draft again (as v3): now the canvas does show v1 → v2
  await editor.restore(2);
  await expect(editor.versionBadge).toHaveText('v3');
  await editor.compareVersions(1, 2);
  await expect(page.getByTestId('canvas').getByRole('region', { name: 'Comparison' })).toContainText('Comparing v1 → v2 (the current draft)');
  await expect(editor.node(field.node)).toHaveAttribute('data-diff', 'changed');
  await expect(editor.node('asked-output')).toHaveAttribute('data-diff', 'added');
  await shot('versions-v1-v2-on-canvas');
  await page.getByRole('button', { name: 'Close comparison' }).click();

  await editor.compareVersions(3, 2);
  await expect(comparison.getByRole('heading', { level: 3 })).toHaveText('v2 → v3');
  await expect(comparison).toContainText('v2 and v3 are the same graph.');
  await expect(comparison).not.toContainText('listed here only');
  await shot('versions-same');
});
