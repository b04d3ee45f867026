import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../../nodes/core/spec';
import { graphInterface } from './graph-interface';
import { specNode } from '../../../nodes/testing/spec-builders';

const example = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../prisma/seed/examples', `${name}.graph.json`), 'utf8')) as GraphSpec;

describe('graphInterface', () => {
  it('lists what the example query graph takes and gives, with the descriptions endpoints document', () => {
    const { takes, gives } = graphInterface(example('query'));
    expect(takes.map((f) => [f.name, f.optional])).toEqual([
      ['query', false],
      ['filters', true],
      ['topK', true],
      ['history', true],
    ]);
    expect(takes[0]!.description).toBe('The question to answer.');
    expect(takes[3]!.description).toContain('Earlier turns of a conversation');
    expect(gives.map((f) => f.name)).toEqual(['answer']);
  });

  it('takes files in an ingestion graph and names a result output by its field', () => {
    expect(graphInterface(example('ingest')).takes[0]!.name).toBe('files');
    expect(graphInterface(example('ingest')).gives.map((f) => f.name)).toEqual(['ingested', 'rejected']);
  });

  it('is empty without entry or exit nodes, and skips a node whose config does not parse', () => {
    expect(graphInterface({ schemaVersion: 1, nodes: [specNode('p', 'util.passthrough')], edges: [] })).toEqual({ takes: [], gives: [] });
    const broken = graphInterface({ schemaVersion: 1, nodes: [specNode('q', 'io.query-input'), specNode('out', 'io.result-output', { field: 42 })], edges: [] });
    expect(broken.takes.map((f) => f.name)).toContain('query');
    expect(broken.gives).toEqual([]);
  });
});
