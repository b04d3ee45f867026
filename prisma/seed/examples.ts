import { graphSpec, type GraphSpec } from '../../nodes/core/spec';
import { graphKind, type GraphKind } from '../../server/services/graphs';
import ingest from './examples/ingest.graph.json';
import query from './examples/query.graph.json';

/**
 * The example graphs shipped with the product: seeded into a new database and offered by the
 * editor's "New graph from example". The JSON files are also the CLI's default graphs.
 */
export interface ExampleGraph {
  id: string;
  name: string;
  description: string;
  kind: GraphKind;
  spec: GraphSpec;
}

/** The seeded examples' names: uploads and tried queries run them when no other graph is chosen. */
export const EXAMPLE_NAMES = { ingestion: 'Example: ingest documents', query: 'Example: answer questions' } as const;

const EXAMPLES: Omit<ExampleGraph, 'kind'>[] = [
  {
    id: 'ingest',
    name: EXAMPLE_NAMES.ingestion,
    description: 'Parses uploaded files (PDF, DOCX, HTML, Markdown, text, images via OCR), chunks them by structure, embeds them and stores them in the "docs" collection; returns what was stored (ingested) and the files that could not be read, with why (rejected).',
    spec: graphSpec.parse(ingest),
  },
  {
    id: 'query',
    name: EXAMPLE_NAMES.query,
    description: 'Checks the question with guardrails, makes a follow-up stand alone with the earlier questions, retrieves passages from the "docs" collection, reranks them and answers with cited sentences (extractive, no LLM needed).',
    spec: graphSpec.parse(query),
  },
];

export function exampleGraphs(): ExampleGraph[] {
  return EXAMPLES.map((e) => ({ ...e, kind: graphKind(e.spec) }));
}

export function getExample(id: string): ExampleGraph | undefined {
  return exampleGraphs().find((e) => e.id === id);
}

/** An example with its collection renamed (the CLI points the default graphs at any collection). */
export function withCollection(spec: GraphSpec, collection: string): GraphSpec {
  return {
    ...spec,
    nodes: spec.nodes.map((n) => ('collection' in n.config ? { ...n, config: { ...n.config, collection } } : n)),
  };
}
