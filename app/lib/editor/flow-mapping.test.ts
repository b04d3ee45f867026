import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../nodes/core/diff';
import { emptySpec, type GraphSpec } from '../../../nodes/core/spec';
import { buildDiffOverlay } from './diff-overlay';
import { toFlowEdges, toFlowNodes, type MappingInput, type NodeCache } from './flow-mapping';
import { validateDraft } from './issues';
import { addEdge, addNode, removeElements, setConfigField } from './spec-edit';
import { testCatalog } from './test-catalog';

function build(): GraphSpec {
  let s = emptySpec();
  s = addNode(s, testCatalog.get('io.query-input', 1)!, { x: 0, y: 0 }).spec;
  s = addNode(s, testCatalog.get('test.retriever', 1)!, { x: 300, y: 0 }).spec;
  s = addNode(s, testCatalog.get('test.prompt', 1)!, { x: 600, y: 0 }).spec;
  s = addEdge(s, { node: 'query-input', port: 'query' }, { node: 'test', port: 'query' }).spec;
  s = addEdge(s, { node: 'test', port: 'retrieved' }, { node: 'test-2', port: 'context' }).spec;
  return s;
}

const input = (spec: GraphSpec, extra: Partial<MappingInput> = {}): MappingInput => ({
  spec,
  catalog: testCatalog,
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  issues: validateDraft(spec, testCatalog),
  diff: null,
  measured: {},
  ...extra,
});

describe('toFlowNodes', () => {
  it('maps nodes with their issues per port, and reuses objects whose inputs did not change', () => {
    const cache: NodeCache = new Map();
    const spec = build();
    const first = toFlowNodes(input(spec), cache);
    expect(first.map((n) => n.id)).toEqual(['query-input', 'test', 'test-2']);
    const prompt = first[2]!;
    expect(prompt.data.connectedInputs).toEqual(['context']);
    expect(Object.keys(prompt.data.portIssues)).toEqual(['query']); // required and unconnected
    const again = toFlowNodes(input(spec), cache);
    expect(again[0]).toBe(first[0]);
    const edited = setConfigField(spec, 'test', 'collection', 'docs');
    const third = toFlowNodes(input(edited), cache);
    expect(third[0]).toBe(first[0]);
    expect(third[1]).not.toBe(first[1]);
    expect(third[1]!.data.issues).toEqual([]);
    const selected = toFlowNodes(input(edited, { selectedNodes: new Set(['query-input']) }), cache);
    expect(selected[0]).not.toBe(first[0]);
    expect(selected[0]!.selected).toBe(true);
  });

  it('in a diff, adds read-only ghosts for removed nodes and dashed edges for removed edges', () => {
    const before = build();
    const after = setConfigField(removeElements(before, ['test-2'], []), 'test', 'topK', 3);
    const diff = buildDiffOverlay(diffSpecs(before, after), 'v1 → draft');
    const nodes = toFlowNodes(input(after, { diff }), new Map());
    expect(nodes.map((n) => [n.id, n.data.diff, n.draggable])).toEqual([
      ['test-2', 'removed', false],
      ['query-input', undefined, false],
      ['test', 'changed', false],
    ]);
    const edges = toFlowEdges(input(after, { diff }));
    expect(edges.map((e) => [e.id, e.className])).toEqual([
      ['e1', undefined],
      ['removed:e2', 'edge-removed'],
    ]);
    expect(diff.configChanges.get('test')).toEqual([{ path: ['topK'], before: undefined, after: 3 }]);
  });
});
