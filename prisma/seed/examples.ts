import { graphSpec, type GraphSpec } from '../../nodes/core/spec';
import { graphKind, type GraphKind } from '../../server/services/graphs';
import ingest from './examples/ingest.graph.json';
import query from './examples/query.graph.json';
import llmAnswer from './templates/llm-answer.graph.json';
import search from './templates/search.graph.json';
import sentenceWindows from './templates/sentence-windows.graph.json';
import webPages from './templates/web-pages.graph.json';
import twoCollections from './templates/two-collections.graph.json';

/**
 * The graphs shipped with the product, offered by the editor's "New graph": the two examples are
 * also seeded into a new database (and are the CLI's default graphs); the templates are other
 * common shapes to start from, each with a note on the canvas saying what to adjust.
 */
export interface ExampleGraph {
  id: string;
  name: string;
  description: string;
  kind: GraphKind;
  spec: GraphSpec;
  /** put into a new database (the examples), or offered only (the templates) */
  seeded: boolean;
}

/** The seeded examples' names: uploads and tried queries run them when no other graph is chosen. */
export const EXAMPLE_NAMES = { ingestion: 'Example: ingest documents', query: 'Example: answer questions' } as const;

const EXAMPLES: Omit<ExampleGraph, 'kind' | 'seeded'>[] = [
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

const TEMPLATES: Omit<ExampleGraph, 'kind' | 'seeded'>[] = [
  {
    id: 'search',
    name: 'Search API (ranked passages)',
    description: 'Hybrid search over the "docs" collection with relevance feedback, reranked: publish it and callers get the best passages with their scores, no answer text.',
    spec: graphSpec.parse(search),
  },
  {
    id: 'llm-answer',
    name: 'Answer with an LLM (OpenAI-compatible)',
    description: 'The example question answerer with a generative LLM instead of cited sentences: any OpenAI-compatible server (Ollama as set, vLLM, llama.cpp, OpenAI), streamed token by token.',
    spec: graphSpec.parse(llmAnswer),
  },
  {
    id: 'two-collections',
    name: 'Answer from two collections',
    description: 'Searches the "docs" and "notes" collections side by side, merges their passages by rank fusion and answers with cited sentences.',
    spec: graphSpec.parse(twoCollections),
  },
  {
    id: 'sentence-windows',
    name: 'Ingest for sentence-window retrieval',
    description: 'Stores every sentence as a chunk with the sentences around it as its parent, in the "sentences" collection: precise matches, with context for the answer (retriever: Small to big).',
    spec: graphSpec.parse(sentenceWindows),
  },
  {
    id: 'web-pages',
    name: 'Ingest web pages',
    description: 'Loads the web pages a caller names, and the pages they link to under the same folder, into the "web" collection (robots.txt respected); returns what was stored, the pages that could not be loaded (unloaded) and those that could not be read (rejected).',
    spec: graphSpec.parse(webPages),
  },
];

export function exampleGraphs(): ExampleGraph[] {
  return [...EXAMPLES.map((e) => ({ ...e, seeded: true })), ...TEMPLATES.map((e) => ({ ...e, seeded: false }))].map((e) => ({ ...e, kind: graphKind(e.spec) }));
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
