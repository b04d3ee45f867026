import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { compileGraph, type CompiledGraph } from '../../nodes/core/compile';
import { graphInputSchema, graphOutputSchema } from '../../nodes/core/io';
import type { GraphSpec } from '../../nodes/core/spec';
import { specHash } from '../../nodes/core/spec-hash';

/**
 * What a published graph can be called as, read from its entry and exit nodes. One graph may serve
 * several protocols; the OpenAI-compatible routes accept only endpoints whose graph fits them:
 *
 * - `chat`: an `io.query-input` entry and an `io.answer-output` exit. Chat completions send the last
 *   user message as `query` and return `answer.text` (citations in the extra `citations` field).
 * - `embedder`: an `io.query-input` entry and an `io.result-output` exit whose value comes straight from
 *   a `query-vector` output (e.g. `embed.glove` → result). `/openai/embeddings` runs the graph once per
 *   input string and returns that value's `vector`.
 * - `ingestion`: an `io.file-input` entry and at least one `store.pgvector` node. Multipart uploads to
 *   `/collections/{name}/documents` go through it; `collections` lists where it writes.
 * - `webPages`: an `io.web-input` entry and a store: called with `{"urls": [...]}`, it loads those pages
 *   into `collections`. Its kind is `ingestion` too, but it takes no file uploads.
 */
export interface Capabilities {
  chat: { answerField: string; answerNodes: string[] } | null;
  embedder: { vectorField: string } | null;
  ingestion: { collections: string[] } | null;
  webPages: { collections: string[] } | null;
  kind: 'chat' | 'embedder' | 'ingestion' | 'other';
  /** the run input the graph accepts and the run output it returns (zod, from the entry/exit nodes) */
  inputSchema: z.ZodObject;
  outputSchema: z.ZodObject;
  /** the same as JSON Schema (draft 2020-12, what OpenAPI 3.1 uses) */
  inputJsonSchema: Record<string, unknown>;
  outputJsonSchema: Record<string, unknown>;
}

/** Compiled graphs are immutable per spec: capabilities are computed once per spec hash. */
const cache = new Map<string, Capabilities>();

export function capabilitiesOf(spec: GraphSpec): Capabilities {
  const hash = specHash(spec);
  let found = cache.get(hash);
  if (!found) {
    found = compute(compileGraph(spec, catalog));
    if (cache.size >= 512) cache.delete(cache.keys().next().value!);
    cache.set(hash, found);
  }
  return found;
}

/** The same, or null for no spec or one that no longer compiles (a listing shows it as "other" rather than failing). */
export function capabilitiesOrNull(spec: GraphSpec | null | undefined): Capabilities | null {
  if (!spec) return null;
  try {
    return capabilitiesOf(spec);
  } catch {
    return null;
  }
}

function compute(graph: CompiledGraph): Capabilities {
  const nodes = [...graph.nodes.values()];
  const hasEntry = (type: string) => graph.entries.some((id) => graph.nodes.get(id)!.definition.type === type);
  const exitsOf = (type: string) => graph.exits.map((id) => graph.nodes.get(id)!).filter((n) => n.definition.type === type);

  const answerExit = exitsOf('io.answer-output')[0];
  const chat =
    hasEntry('io.query-input') && answerExit
      ? { answerField: 'answer', answerNodes: (answerExit.inputs.get('answer') ?? []).map((edge) => edge.from.node) }
      : null;

  let embedder: Capabilities['embedder'] = null;
  if (hasEntry('io.query-input')) {
    for (const exit of exitsOf('io.result-output')) {
      const edges = exit.inputs.get('value') ?? [];
      const fromVector = edges.length === 1 && edges.every((edge) => graph.nodes.get(edge.from.node)?.definition.outputs[edge.from.port]?.kind === 'query-vector');
      if (fromVector) {
        embedder = { vectorField: String(exit.config.field) };
        break;
      }
    }
  }

  const stores = nodes.filter((n) => n.definition.type === 'store.pgvector');
  const written = stores.length ? { collections: [...new Set(stores.map((n) => String(n.config.collection)))] } : null;
  const ingestion = hasEntry('io.file-input') ? written : null;
  const webPages = hasEntry('io.web-input') ? written : null;

  const inputSchema = graphInputSchema(graph);
  const outputSchema = graphOutputSchema(graph);
  return {
    chat,
    embedder,
    ingestion,
    webPages,
    kind: chat ? 'chat' : embedder ? 'embedder' : ingestion || webPages ? 'ingestion' : 'other',
    inputSchema,
    outputSchema,
    inputJsonSchema: toJsonSchema(inputSchema),
    outputJsonSchema: toJsonSchema(outputSchema),
  };
}

/** JSON Schema for docs; a type zod cannot express there (a transform, say) becomes `{}` rather than failing. */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
