import type { GraphSpec } from '../../nodes/core/spec';

/** A minimal valid graph made of built-in io nodes: query input → result output. */
export function echoSpec(field = 'result'): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'in', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
      { id: 'out', type: 'io.result-output', typeVersion: 1, config: { field }, position: { x: 300, y: 0 } },
    ],
    edges: [{ id: 'e1', from: { node: 'in', port: 'query' }, to: { node: 'out', port: 'value' } }],
  };
}
