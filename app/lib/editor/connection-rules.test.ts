import { describe, expect, it } from 'vitest';
import { canConnect } from '../../../nodes/core/ports';
import { emptySpec, type GraphSpec } from '../../../nodes/core/spec';
import { validateGraph } from '../../../nodes/core/validate';
import { checkConnection } from './connection-rules';
import { addEdge, addNode } from './spec-edit';
import { testCatalog } from './test-catalog';

function graph(): GraphSpec {
  let spec = emptySpec();
  for (const type of ['io.query-input', 'test.retriever', 'test.prompt', 'test.llm', 'io.answer-output']) {
    spec = addNode(spec, testCatalog.get(type, 1)!, { x: 0, y: 0 }).spec;
  }
  return spec;
}

describe('checkConnection', () => {
  it('accepts matching kinds and widenings, and the result validates', () => {
    let spec = graph();
    const steps: [string, string, string, string][] = [
      ['query-input', 'query', 'test', 'query'],
      ['test', 'retrieved', 'test-2', 'context'],
      ['query-input', 'query', 'test-2', 'query'],
      ['test-2', 'prompt', 'test-3', 'prompt'],
      ['test-3', 'answer', 'answer-output', 'answer'],
    ];
    for (const [source, sourceHandle, target, targetHandle] of steps) {
      expect(checkConnection(spec, testCatalog, { source, sourceHandle, target, targetHandle })).toEqual({ ok: true });
      spec = addEdge(spec, { node: source, port: sourceHandle }, { node: target, port: targetHandle }).spec;
    }
    const config = { ...spec.nodes[1]!.config, collection: 'docs' };
    spec = { ...spec, nodes: spec.nodes.map((n) => (n.id === 'test' ? { ...n, config } : n)) };
    expect(validateGraph(spec, testCatalog).issues).toEqual([]);
  });

  it("refuses mismatched kinds with the validator's reason, and says which nodes make what the input takes", () => {
    const verdict = checkConnection(graph(), testCatalog, { source: 'test', sourceHandle: 'retrieved', target: 'test-3', targetHandle: 'prompt' });
    expect(verdict).toEqual({ ok: false, reason: 'a "retrieved" output cannot feed a "prompt" input: "prompt" comes from Test prompt' });
    expect(canConnect('retrieved', 'prompt')).toEqual({ ok: false, reason: 'a "retrieved" output cannot feed a "prompt" input' });
    // an input that takes more than its own kind names the others, with the right article
    expect(canConnect('file', 'text')).toEqual({ ok: false, reason: 'a "file" output cannot feed a "text" input (it also accepts "query" or "answer")' });
    expect(canConnect('query', 'answer')).toEqual({ ok: false, reason: 'a "query" output cannot feed an "answer" input' });
  });

  it('refuses a second edge into a single input but allows it into a multiple one', () => {
    let spec = graph();
    spec = addEdge(spec, { node: 'query-input', port: 'query' }, { node: 'test', port: 'query' }).spec;
    spec = addNode(spec, testCatalog.get('io.query-input', 1)!, { x: 0, y: 0 }).spec; // query-input-2
    const second = checkConnection(spec, testCatalog, { source: 'query-input-2', sourceHandle: 'query', target: 'test', targetHandle: 'query' });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.reason).toMatch(/takes one connection and already has one/);
    spec = addEdge(spec, { node: 'test-3', port: 'answer' }, { node: 'answer-output', port: 'answer' }).spec;
    spec = addNode(spec, testCatalog.get('test.llm', 1)!, { x: 0, y: 0 }).spec; // test-4
    expect(checkConnection(spec, testCatalog, { source: 'test-4', sourceHandle: 'answer', target: 'answer-output', targetHandle: 'answer' })).toEqual({ ok: true });
    const duplicate = checkConnection(spec, testCatalog, { source: 'test-3', sourceHandle: 'answer', target: 'answer-output', targetHandle: 'answer' });
    expect(duplicate).toEqual({ ok: false, reason: 'these two ports are already connected' });
  });

  it('refuses self loops and unknown ports', () => {
    const spec = graph();
    expect(checkConnection(spec, testCatalog, { source: 'test', sourceHandle: 'retrieved', target: 'test', targetHandle: 'query' })).toEqual({
      ok: false,
      reason: 'a node cannot feed itself',
    });
    expect(checkConnection(spec, testCatalog, { source: 'test', sourceHandle: 'nope', target: 'test-2', targetHandle: 'context' })).toEqual({
      ok: false,
      reason: '"nope" is not an output of test',
    });
    expect(checkConnection(spec, testCatalog, { source: 'test', sourceHandle: 'retrieved', target: 'test-2', targetHandle: 'nope' })).toEqual({
      ok: false,
      reason: '"nope" is not an input of test-2',
    });
  });

  it('refuses an edge that closes a cycle, and allows the same edge without the loop', () => {
    let spec = emptySpec();
    spec = addNode(spec, testCatalog.get('test.passthrough', 1)!, { x: 0, y: 0 }).spec; // test
    spec = addNode(spec, testCatalog.get('test.retriever', 1)!, { x: 0, y: 0 }).spec; // test-2
    const back = { source: 'test-2', sourceHandle: 'retrieved', target: 'test', targetHandle: 'value' };
    expect(checkConnection(spec, testCatalog, back)).toEqual({ ok: true });
    spec = addEdge(spec, { node: 'test', port: 'query' }, { node: 'test-2', port: 'query' }).spec;
    expect(checkConnection(spec, testCatalog, back)).toEqual({ ok: false, reason: 'this edge would create a cycle (test already leads to test-2)' });
  });
});
