import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../../nodes/core/spec';
import { findNodes } from './find';
import { testCatalog } from './test-catalog';

const spec: GraphSpec = {
  schemaVersion: 1,
  nodes: [
    { id: 'test-2', type: 'test.retriever', typeVersion: 1, config: {}, position: { x: 300, y: 200 }, label: 'Policies search' },
    { id: 'test', type: 'test.retriever', typeVersion: 1, config: {}, position: { x: 0, y: 200 } },
    { id: 'query-input', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [],
};

describe('findNodes', () => {
  it('matches ids, display names, types and titles, in reading order', () => {
    expect(findNodes(spec, testCatalog, 'retriever')).toEqual(['test', 'test-2']);
    expect(findNodes(spec, testCatalog, 'policies')).toEqual(['test-2']);
    expect(findNodes(spec, testCatalog, 'QUERY input')).toEqual(['query-input']);
    expect(findNodes(spec, testCatalog, 'retriever 2')).toEqual(['test-2']); // words may come from different fields
    expect(findNodes(spec, testCatalog, 'test-2')).toEqual(['test-2']);
  });

  it('finds nothing for an empty query', () => {
    expect(findNodes(spec, testCatalog, '   ')).toEqual([]);
  });
});
