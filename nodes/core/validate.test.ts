import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile';
import { GraphValidationError, type GraphErrorCode } from './errors';
import { canConnect } from './ports';
import type { GraphSpec } from './spec';
import { testCatalog, validTestSpec } from './testing/test-catalog';
import { assertValidGraph, validateGraph } from './validate';

function issuesOf(spec: unknown) {
  const result = validateGraph(spec, testCatalog);
  expect(result.ok).toBe(false);
  return result.issues;
}

function mutate(change: (spec: GraphSpec) => void): GraphSpec {
  const spec = validTestSpec();
  change(spec);
  return spec;
}

describe('validateGraph', () => {
  it('accepts a valid graph', () => {
    expect(validateGraph(validTestSpec(), testCatalog)).toMatchObject({ ok: true, issues: [] });
  });

  const cases: { name: string; code: GraphErrorCode; spec: () => unknown; fault: Record<string, unknown> }[] = [
    {
      name: 'unknown node type',
      code: 'UNKNOWN_NODE_TYPE',
      spec: () => mutate((s) => s.nodes.push({ id: 'x', type: 'test.nope', typeVersion: 1, config: {}, position: { x: 0, y: 0 } })),
      fault: { nodeId: 'x' },
    },
    {
      name: 'unknown version of a known type',
      code: 'UNKNOWN_NODE_TYPE',
      spec: () => mutate((s) => (s.nodes[1]!.typeVersion = 1)),
      fault: { nodeId: 'up' },
    },
    {
      name: 'unknown port',
      code: 'UNKNOWN_PORT',
      spec: () => mutate((s) => (s.edges[0]!.to.port = 'nope')),
      fault: { edgeId: 'e1', nodeId: 'up', port: 'nope' },
    },
    {
      // found on every object's prototype: a port of no node, however the lookup is written
      name: 'a port named like a prototype member',
      code: 'UNKNOWN_PORT',
      spec: () => mutate((s) => (s.edges[0]!.from.port = 'constructor')),
      fault: { edgeId: 'e1', nodeId: 'in', port: 'constructor' },
    },
    {
      name: 'an input named like a prototype member',
      code: 'UNKNOWN_PORT',
      spec: () => mutate((s) => (s.edges[0]!.to.port = 'toString')),
      fault: { edgeId: 'e1', nodeId: 'up', port: 'toString' },
    },
    {
      name: 'incompatible port kinds',
      code: 'INCOMPATIBLE_PORTS',
      spec: () =>
        mutate((s) => {
          s.nodes.push({ id: 'c', type: 'test.chunks', typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
          s.edges.push({ id: 'bad', from: { node: 'in', port: 'query' }, to: { node: 'c', port: 'chunks' } });
        }),
      fault: { edgeId: 'bad', nodeId: 'c', port: 'chunks' },
    },
    {
      name: 'cycle',
      code: 'CYCLE',
      spec: () =>
        mutate((s) => {
          s.nodes.push({ id: 'up2', type: 'test.upper', typeVersion: 2, config: {}, position: { x: 0, y: 0 } });
          s.edges.push({ id: 'c1', from: { node: 'up', port: 'text' }, to: { node: 'up2', port: 'text' } });
          s.edges.push({ id: 'c2', from: { node: 'up2', port: 'text' }, to: { node: 'up', port: 'extra' } });
        }),
      fault: {},
    },
    {
      name: 'missing required input',
      code: 'MISSING_REQUIRED_INPUT',
      spec: () => mutate((s) => s.edges.splice(0, 1)),
      fault: { nodeId: 'up', port: 'text' },
    },
    {
      name: 'dangling edge',
      code: 'DANGLING_EDGE',
      spec: () => mutate((s) => s.edges.push({ id: 'd', from: { node: 'ghost', port: 'text' }, to: { node: 'out', port: 'value' } })),
      fault: { edgeId: 'd' },
    },
    {
      name: 'duplicate node id',
      code: 'DUPLICATE_ID',
      spec: () => mutate((s) => s.nodes.push({ ...s.nodes[1]! })),
      fault: { nodeId: 'up' },
    },
    {
      name: 'duplicate edge id',
      code: 'DUPLICATE_ID',
      spec: () => mutate((s) => s.edges.push({ ...s.edges[1]!, to: { node: 'out', port: 'value' } })),
      fault: { edgeId: 'e2' },
    },
    {
      name: 'duplicate note id',
      code: 'DUPLICATE_ID',
      spec: () =>
        mutate((s) => {
          const note = { id: 'note-1', text: 'why', position: { x: 0, y: 0 } };
          s.notes = [note, { ...note, text: 'again' }];
        }),
      fault: {},
    },
    {
      name: 'a note longer than a note may be',
      code: 'INVALID_SPEC',
      spec: () => mutate((s) => (s.notes = [{ id: 'note-1', text: 'x'.repeat(4001), position: { x: 0, y: 0 } }])),
      fault: { path: ['notes', 0, 'text'] },
    },
    {
      name: 'invalid config',
      code: 'INVALID_CONFIG',
      spec: () => mutate((s) => (s.nodes[1]!.config = { times: 99 })),
      fault: { nodeId: 'up', path: ['times'] },
    },
    {
      name: 'no entry node',
      code: 'NO_ENTRY',
      spec: () =>
        mutate((s) => {
          s.nodes.splice(0, 1);
          s.edges.splice(0, 1);
          s.nodes[0]!.config = {};
        }),
      fault: {},
    },
    {
      name: 'no exit node',
      code: 'NO_EXIT',
      spec: () =>
        mutate((s) => {
          s.nodes.splice(2, 1);
          s.edges.splice(1, 1);
        }),
      fault: {},
    },
    {
      name: 'unsupported schemaVersion',
      code: 'UNSUPPORTED_SCHEMA_VERSION',
      spec: () => mutate((s) => (s.schemaVersion = 99)),
      fault: {},
    },
    {
      name: 'a second edge into a single input',
      code: 'INPUT_ALREADY_CONNECTED',
      spec: () =>
        mutate((s) => {
          s.nodes.push({ id: 'in2', type: 'test.source', typeVersion: 1, config: {}, position: { x: 0, y: 100 } });
          s.edges.push({ id: 'twice', from: { node: 'in2', port: 'text' }, to: { node: 'up', port: 'text' } });
        }),
      fault: { edgeId: 'twice', nodeId: 'up', port: 'text' },
    },
    {
      name: 'the same two ports connected twice, into an input that takes many',
      code: 'DUPLICATE_EDGE',
      spec: () => mutate((s) => s.edges.push({ id: 'again', from: { node: 'up', port: 'text' }, to: { node: 'out', port: 'value' } })),
      fault: { edgeId: 'again', nodeId: 'out', port: 'value' },
    },
  ];

  it.each(cases)('refuses $name with $code and the element at fault', ({ code, spec, fault }) => {
    const issue = issuesOf(spec()).find((i) => i.code === code);
    expect(issue, `expected an issue with code ${code}`).toBeDefined();
    expect(issue).toMatchObject(fault);
    expect(issue!.message.length).toBeGreaterThan(10);
  });

  it('reports the cycle path in order', () => {
    const issue = issuesOf(cases.find((c) => c.code === 'CYCLE')!.spec()).find((i) => i.code === 'CYCLE')!;
    expect(issue.message).toMatch(/up → up2 → up|up2 → up → up2/);
  });

  it('reports structural problems with their path instead of throwing', () => {
    const issues = issuesOf({ schemaVersion: 1, nodes: [{ id: 'a b', type: 'x' }], edges: 'no' });
    expect(issues.every((i) => i.code === 'INVALID_SPEC')).toBe(true);
    expect(issues.map((i) => i.message).join(' ')).toMatch(/nodes\.0\.id/);
    expect(issues.map((i) => i.message).join(' ')).toMatch(/edges/);
  });

  it('assertValidGraph throws a GraphValidationError carrying every issue', () => {
    const spec = mutate((s) => {
      s.nodes[1]!.config = { times: 0 };
      s.edges[0]!.to.port = 'nope';
    });
    expect(() => assertValidGraph(spec, testCatalog)).toThrow(GraphValidationError);
    try {
      assertValidGraph(spec, testCatalog);
    } catch (error) {
      expect((error as GraphValidationError).issues.map((i) => i.code).sort()).toEqual(['INVALID_CONFIG', 'MISSING_REQUIRED_INPUT', 'UNKNOWN_PORT']);
    }
  });
});

describe('canConnect', () => {
  it('allows equal kinds, widenings and json', () => {
    expect(canConnect('chunks', 'chunks').ok).toBe(true);
    expect(canConnect('embedded-chunks', 'chunks').ok).toBe(true);
    expect(canConnect('query-vector', 'query').ok).toBe(true);
    expect(canConnect('retrieved', 'json').ok).toBe(true);
  });
  it('refuses narrowing with a reason that names both kinds', () => {
    const result = canConnect('chunks', 'embedded-chunks');
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain('"chunks" output cannot feed an "embedded-chunks" input');
  });
});

describe('compileGraph', () => {
  it('applies config defaults and orders nodes topologically', () => {
    const spec = validTestSpec();
    spec.nodes[1]!.config = {};
    spec.nodes.reverse();
    const graph = compileGraph(spec, testCatalog);
    expect(graph.order).toEqual(['in', 'up', 'out']);
    expect(graph.nodes.get('up')!.config).toEqual({ times: 1 });
    expect(graph.entries).toEqual(['in']);
    expect(graph.exits).toEqual(['out']);
    expect(graph.nodes.get('up')!.inputs.get('text')!.map((e) => e.id)).toEqual(['e1']);
  });
});
