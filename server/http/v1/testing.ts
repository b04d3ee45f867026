import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ingestFiles } from '../../../cli/commands/ingest';
import { DEFAULT_INGEST_GRAPH, loadGraphSpec } from '../../../cli/graphs';
import type { GraphSpec } from '../../../nodes/core/spec';
import type { FileValue } from '../../../nodes/core/values';
import { createRunner, type Runner } from '../../../runners/index';
import { createApiKey } from '../../services/api-keys';
import { createDataset } from '../../services/datasets';
import { publishEndpoint, type Routing } from '../../services/endpoints';
import { createGraph } from '../../services/graphs';
import { createMemoryRateLimiter, type RateLimiter } from '../../services/rate-limit';
import { saveVersion } from '../../services/versions';
import { openTestDb, type Backend, type TestDb } from '../../testing/db';
import { sendFetchResponse, toFetchRequest } from '../fetch-bridge';
import { createPublicApi } from './index';
import type { EditorCredentials } from '../editor-auth';
import { specEdge, specNode } from '../../../nodes/testing/spec-builders';

/**
 * The public API on a real HTTP server (random port) over a fresh test database and an in-process
 * runner, with helpers to publish graphs and issue keys. Tests talk to it with fetch or the official
 * OpenAI client, over the wire.
 */
export interface ApiHarness {
  url: string;
  db: TestDb;
  runner: Runner;
  rateLimiter: RateLimiter;
  /** saves `spec` as a graph with one version (or more, one per spec) and publishes it */
  publish(slug: string, specs: GraphSpec | GraphSpec[], routing?: Partial<Routing> & { versionNumber?: number }): Promise<Published>;
  /** a key: scopes default to every endpoint */
  key(options?: { scopes?: string[]; rateLimitPerMinute?: number }): Promise<{ id: string; prefix: string; secret: string }>;
  close(): Promise<void>;
}

export interface Published {
  endpointId: string;
  graphId: string;
  /** version ids in order (v1, v2, …) */
  versionIds: string[];
}

export async function startApi(backend: Backend, options: { rateLimiter?: RateLimiter; db?: TestDb; editorCredentials?: EditorCredentials } = {}): Promise<ApiHarness> {
  // a caller may bring its own database (bench:endpoint keeps PGlite on disk); close() destroys it
  const db = options.db ?? (await openTestDb(backend));
  const runner = await createRunner(db, { resume: false });
  const rateLimiter = options.rateLimiter ?? createMemoryRateLimiter();
  const handle = createPublicApi(async () => ({ db, runner, rateLimiter, editorCredentials: options.editorCredentials }));
  const server: Server = createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    void handle(toFetchRequest(req, controller.signal)).then((response) => sendFetchResponse(response, res));
  });
  server.keepAliveTimeout = 60_000; // load generators keep their connections between calls
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let graphs = 0;
  return {
    url,
    db,
    runner,
    rateLimiter,
    async publish(slug, specs, routing = {}) {
      const list = Array.isArray(specs) ? specs : [specs];
      const graph = await createGraph(db, { name: `${slug} graph ${++graphs}`, spec: list[0] });
      const versionIds: string[] = [];
      for (const spec of list) {
        const version = await saveVersion(db, { graphId: graph.id, baseVersionId: versionIds.at(-1) ?? null, spec });
        versionIds.push(version.id);
      }
      const endpoint = await publishEndpoint(db, {
        graphId: graph.id,
        slug,
        versionId: routing.versionId ?? (routing.versionNumber ? versionIds[routing.versionNumber - 1]! : null),
        canaryVersionId: routing.canaryVersionId ?? null,
        canaryPercent: routing.canaryPercent ?? 0,
      });
      return { endpointId: endpoint.id, graphId: graph.id, versionIds };
    },
    async key(keyOptions = {}) {
      const created = await createApiKey(db, { name: 'test key', scopes: keyOptions.scopes ?? ['*'], rateLimitPerMinute: keyOptions.rateLimitPerMinute });
      return { id: created.id, prefix: created.prefix, secret: created.secret };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.close();
      await rateLimiter.close();
      await db.destroy();
    },
  };
}

/** Reads a server-sent event stream to its end: `{event, data}` per frame (data parsed when JSON). */
export async function readSse(response: Response): Promise<{ event: string | undefined; data: unknown }[]> {
  const text = await response.text();
  const frames: { event: string | undefined; data: unknown }[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l && !l.startsWith(':'));
    if (!lines.length) continue;
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const raw = lines
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    let data: unknown = raw;
    try {
      data = JSON.parse(raw);
    } catch {
      // [DONE] and other plain text
    }
    frames.push({ event, data });
  }
  return frames;
}


/** query → pass-through → result (field `result`): the cheapest real graph. */
export function echoGraph(field = 'result'): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [specNode('in', 'io.query-input'), specNode('pass', 'util.passthrough', {}, 200), specNode('out', 'io.result-output', { field }, 400)],
    edges: [specEdge('in', 'query', 'pass', 'value'), specEdge('pass', 'value', 'out', 'value')],
  };
}

/** query → prompt → llm.openai (an OpenAI-protocol server) → answer */
export function llmGraph(baseUrl: string, model = 'test-model'): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [specNode('in', 'io.query-input'), specNode('prompt', 'prompt.template', {}, 200), specNode('llm', 'llm.openai', { baseUrl, model, stream: true, timeoutMs: 20_000 }, 400), specNode('out', 'io.answer-output', {}, 600)],
    edges: [specEdge('in', 'query', 'prompt', 'query'), specEdge('prompt', 'prompt', 'llm', 'prompt'), specEdge('llm', 'answer', 'out', 'answer')],
  };
}

/** query → guard.rules → prompt → llm.openai → answer, with the guard's refusal also wired to the answer. */
export function guardedLlmGraph(baseUrl: string): GraphSpec {
  const graph = llmGraph(baseUrl);
  return {
    schemaVersion: 1,
    nodes: [...graph.nodes, specNode('guard', 'guard.rules', {}, 100)],
    edges: [
      specEdge('in', 'query', 'guard', 'query'),
      specEdge('guard', 'passed', 'prompt', 'query'),
      specEdge('prompt', 'prompt', 'llm', 'prompt'),
      specEdge('llm', 'answer', 'out', 'answer'),
      specEdge('guard', 'blocked', 'out', 'answer'),
    ],
  };
}

/** query → embed.glove → retrieve → prompt → llm.extractive → answer: answers with citations from a collection. */
export function ragGraph(collection: string): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [
      specNode('in', 'io.query-input'),
      specNode('embed', 'embed.glove', {}, 200),
      specNode('retrieve', 'retrieve.pgvector', { collection, topK: 3 }, 400),
      specNode('prompt', 'prompt.template', {}, 600),
      specNode('answer', 'llm.extractive', {}, 800),
      specNode('out', 'io.answer-output', {}, 1000),
    ],
    edges: [
      specEdge('in', 'query', 'embed', 'query'),
      specEdge('embed', 'vector', 'retrieve', 'query'),
      specEdge('retrieve', 'retrieved', 'prompt', 'context'),
      specEdge('in', 'query', 'prompt', 'query'),
      specEdge('prompt', 'prompt', 'answer', 'prompt'),
      specEdge('answer', 'answer', 'out', 'answer'),
    ],
  };
}

/** ragGraph with a follow-up rewriter (prompt.condense, append mode) before the embedder: a chat over a collection. */
export function conversationalRagGraph(collection: string): GraphSpec {
  const graph = ragGraph(collection);
  return {
    ...graph,
    nodes: [...graph.nodes, specNode('condense', 'prompt.condense', {}, 100)],
    edges: [...graph.edges.filter((e) => e.to.node !== 'embed'), specEdge('in', 'query', 'condense', 'query'), specEdge('condense', 'query', 'embed', 'query')],
  };
}

/** query → embed.glove → result: an embedder endpoint for /openai/embeddings */
export function embedderGraph(): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [specNode('in', 'io.query-input'), specNode('embed', 'embed.glove', {}, 200), specNode('out', 'io.result-output', { field: 'embedding' }, 400)],
    edges: [specEdge('in', 'query', 'embed', 'query'), specEdge('embed', 'vector', 'out', 'value')],
  };
}

/** files → parse → chunk → embed.glove → store(collection) → result `ingested` */
export function ingestGraph(collection: string): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [
      specNode('files', 'io.file-input'),
      specNode('parse', 'parse.document', {}, 200),
      specNode('chunk', 'chunk.recursive', {}, 400),
      specNode('embed', 'embed.glove', {}, 600),
      specNode('store', 'store.pgvector', { collection }, 800),
      specNode('out', 'io.result-output', { field: 'ingested' }, 1000),
    ],
    edges: [
      specEdge('files', 'files', 'parse', 'files'),
      specEdge('parse', 'documents', 'chunk', 'documents'),
      specEdge('chunk', 'chunks', 'embed', 'chunks'),
      specEdge('embed', 'embedded', 'store', 'chunks'),
      specEdge('store', 'summary', 'out', 'value'),
    ],
  };
}

/** A RAG graph whose retriever filters out every passage: the regression a rollout gate must catch. */
export function findsNothing(collection: string): GraphSpec {
  const graph = ragGraph(collection);
  return { ...graph, nodes: graph.nodes.map((n) => (n.type === 'retrieve.pgvector' ? { ...n, config: { ...n.config, mode: 'lexical', filters: { never: 'matches' } } } : n)) };
}

/** Three claims, each answered by one of the abstracts `seedJudgedCorpus` stores ([id, text]). */
export const JUDGED_QUERIES: [string, string][] = [
  ['q1', 'Does aspirin prevent heart attacks?'],
  ['q2', 'malaria vaccine protection in children'],
  ['q3', 'sleep consolidates memory'],
];

const JUDGED_DOCS: Record<string, string> = {
  d1: 'Aspirin and heart attacks\n\nLow-dose aspirin lowers the risk of a first heart attack in adults.',
  d3: 'Malaria vaccines\n\nThe RTS,S vaccine gives partial protection against malaria in children.',
  d4: 'Sleep and memory\n\nSleep after learning consolidates declarative memory.',
};

/** Ingests three abstracts into `collection` and stores the dataset judging JUDGED_QUERIES against them. */
export async function seedJudgedCorpus(db: TestDb, collection: string, dataset: string): Promise<void> {
  async function* files(): AsyncGenerator<FileValue> {
    for (const [id, text] of Object.entries(JUDGED_DOCS)) yield { name: `${id}.txt`, mimeType: 'text/plain', sourceId: id, contentBase64: Buffer.from(text).toString('base64') };
  }
  const { spec } = await loadGraphSpec(db, DEFAULT_INGEST_GRAPH);
  await ingestFiles({ sql: db.sql, spec, collection, files: files(), batchSize: 3, quiet: true });
  await createDataset(db, {
    name: dataset,
    queriesText: JUDGED_QUERIES.map(([_id, text]) => JSON.stringify({ _id, text })).join('\n'),
    qrelsText: 'q1\td1\t1\nq2\td3\t1\nq3\td4\t1\n',
  });
}

/** A dataset of `count` queries cycling through JUDGED_QUERIES: long enough to be still running when a test acts on it. */
export async function storeRepeatedClaims(db: TestDb, name: string, count = 400): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => [`m${i}`, JUDGED_QUERIES[i % 3]![1], ['d1', 'd3', 'd4'][i % 3]!]);
  await createDataset(db, { name, queriesText: lines.map(([_id, text]) => JSON.stringify({ _id, text })).join('\n'), qrelsText: lines.map(([q, , d]) => `${q}\t${d}\t1`).join('\n') });
}
