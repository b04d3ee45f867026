import { describe, expect, it } from 'vitest';
import { emptySpec } from '../../../nodes/core/spec';
import { explainRefusal } from './explain-refusal';
import { nextEdgeId, nextNodeId } from './ids';
import { addNode } from './spec-edit';
import { testCatalog } from './test-catalog';

function spec() {
  let s = emptySpec();
  s = addNode(s, testCatalog.get('io.query-input', 1)!, { x: 0, y: 0 }).spec; // query-input
  s = addNode(s, testCatalog.get('test.llm', 1)!, { x: 0, y: 0 }).spec; // test
  return s;
}

describe('explainRefusal', () => {
  it('gives the kind mismatch whichever end the user started from', () => {
    const reason = 'a "query" output cannot feed a "prompt" input: "prompt" comes from Test prompt';
    const output = { nodeId: 'query-input', id: 'query', type: 'source' as const };
    const input = { nodeId: 'test', id: 'prompt', type: 'target' as const };
    expect(explainRefusal(spec(), testCatalog, output, input)).toBe(reason);
    expect(explainRefusal(spec(), testCatalog, input, output)).toBe(reason);
  });

  it('explains output-to-output and input-to-input drags', () => {
    const a = { nodeId: 'query-input', id: 'query', type: 'source' as const };
    const b = { nodeId: 'test', id: 'answer', type: 'source' as const };
    expect(explainRefusal(spec(), testCatalog, a, b)).toMatch(/both ports are outputs/);
    expect(explainRefusal(spec(), testCatalog, { ...a, type: 'target' }, { ...b, type: 'target' })).toMatch(/both ports are inputs/);
  });

  it('returns null for an allowed connection', () => {
    let s = spec();
    s = addNode(s, testCatalog.get('io.answer-output', 1)!, { x: 0, y: 0 }).spec;
    expect(explainRefusal(s, testCatalog, { nodeId: 'test', id: 'answer', type: 'source' }, { nodeId: 'answer-output', id: 'answer', type: 'target' })).toBeNull();
  });
});

describe('ids', () => {
  it('names nodes after their category (io nodes after their role) and numbers repeats', () => {
    expect(nextNodeId([], 'retrieve.pgvector')).toBe('retrieve');
    expect(nextNodeId(['retrieve', 'retrieve-2'], 'retrieve.bm25')).toBe('retrieve-3');
    expect(nextNodeId(['query-input'], 'io.query-input')).toBe('query-input-2');
  });
  it('numbers edges after the highest existing one', () => {
    expect(nextEdgeId([])).toBe('e1');
    expect(nextEdgeId(['e1', 'e7', 'custom'])).toBe('e8');
  });
});
