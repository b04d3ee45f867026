import type { PortMap } from '../../core/ports';

/** The ports every embed node has: chunks in → embedded chunks out, and/or query in → query vector out. */
export const EMBED_INPUTS = {
  chunks: { kind: 'chunks', label: 'Chunks', required: false, description: 'Chunks to embed (ingestion graphs); parent chunks get no vector.' },
  query: { kind: 'query', label: 'Query', required: false, description: 'A query to embed (query graphs).' },
} as const satisfies PortMap;

export const EMBED_OUTPUTS = {
  embedded: { kind: 'embedded-chunks', label: 'Embedded chunks', description: 'The chunks with one vector each (emitted when chunks came in).' },
  vector: { kind: 'query-vector', label: 'Query vector', description: 'The query with its vector (emitted when a query came in).' },
} as const satisfies PortMap;
