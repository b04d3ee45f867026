import { z } from 'zod';
import { createCatalog } from '../catalog-types';
import { defineNode } from '../define';
import type { GraphSpec } from '../spec';

/** Small node definitions for contract tests: an entry, a transformer with config, an exit. */
export const testSource = defineNode({
  type: 'test.source',
  typeVersion: 1,
  title: 'Source',
  category: 'io',
  description: 'entry',
  role: 'entry',
  inputs: {},
  outputs: { text: { kind: 'text' }, query: { kind: 'query' } },
  config: z.object({}),
  resources: { device: 'any' },
});

export const testUpper = defineNode({
  type: 'test.upper',
  typeVersion: 2,
  title: 'Upper',
  category: 'util',
  description: 'transform',
  inputs: { text: { kind: 'text' }, extra: { kind: 'text', required: false } },
  outputs: { text: { kind: 'text' } },
  config: z.object({ times: z.number().int().min(1).max(10).default(1) }),
  resources: { device: 'cpu' },
});

export const testSink = defineNode({
  type: 'test.sink',
  typeVersion: 1,
  title: 'Sink',
  category: 'io',
  description: 'exit',
  role: 'exit',
  inputs: { value: { kind: 'text', multiple: true } },
  outputs: {},
  config: z.object({}),
  resources: { device: 'any' },
});

export const testChunks = defineNode({
  type: 'test.chunks',
  typeVersion: 1,
  title: 'Chunks',
  category: 'chunk',
  description: 'takes chunks',
  inputs: { chunks: { kind: 'chunks' } },
  outputs: {},
  config: z.object({}),
  resources: { device: 'any' },
});

export const testCatalog = createCatalog([testSource, testUpper, testSink, testChunks]);

/** source → upper → sink: valid. */
export function validTestSpec(): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'in', type: 'test.source', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
      { id: 'up', type: 'test.upper', typeVersion: 2, config: { times: 2 }, position: { x: 200, y: 0 } },
      { id: 'out', type: 'test.sink', typeVersion: 1, config: {}, position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', from: { node: 'in', port: 'text' }, to: { node: 'up', port: 'text' } },
      { id: 'e2', from: { node: 'up', port: 'text' }, to: { node: 'out', port: 'value' } },
    ],
  };
}
