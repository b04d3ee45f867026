import { z } from 'zod';
import type { GraphSpec } from '../../nodes/core/spec';
import type { Db } from '../db/client';
import { capabilitiesOrNull, toJsonSchema, type Capabilities } from './public-capabilities';
import { publicEvaluationRequest, publicEvaluationView } from './public-evaluations';
import { chatCompletionRequest, embeddingsRequest, publicCitation } from './public-openai';
import { publicDatasetRequest, publicDatasetView } from './public-datasets';

/**
 * The OpenAPI 3.1 document of the public API, generated from the zod schemas: the fixed routes, and one
 * path per published endpoint whose request and response schemas come from the served version's entry
 * and exit nodes. JSON Schema draft 2020-12 is what OpenAPI 3.1 uses, which is zod's output.
 */
type Json = Record<string, unknown>;

const errorBody = z.object({
  error: z.object({
    code: z.string().describe('Machine-readable: UNAUTHORIZED, FORBIDDEN, NOT_FOUND, BAD_REQUEST, PAYLOAD_TOO_LARGE, TOO_MANY_REQUESTS, or a node error code of a failed run.'),
    message: z.string().describe('What went wrong and what to do about it.'),
    details: z.record(z.string(), z.unknown()).optional().describe('zodIssues for invalid input; runId and nodeId for a failed run; retryAfterSeconds on 429.'),
  }),
});

const callResult = z.object({
  runId: z.string().uuid(),
  endpoint: z.string().describe('The endpoint slug.'),
  version: z.number().int().describe('The graph version that served the call (the canary version when the split chose it).'),
  status: z.literal('succeeded'),
  output: z.record(z.string(), z.unknown()).describe("The run output: the fields the graph's exit nodes write."),
});

const accepted = z.object({
  runId: z.string().uuid(),
  endpoint: z.string(),
  version: z.number().int(),
  status: z.enum(['queued', 'running']),
  statusUrl: z.string().describe('GET it (with the same key) for the status and output.'),
});

const runView = z.object({
  runId: z.string().uuid(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  endpoint: z.string().nullable(),
  version: z.number().int().nullable(),
  output: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ code: z.string(), message: z.string(), nodeId: z.string().optional() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  nodes: z.array(z.object({ nodeId: z.string(), type: z.string(), status: z.string(), attempt: z.number(), durationMs: z.number().nullable() })),
});

const ragraphExtra = z
  .object({ run_id: z.string(), endpoint: z.string(), version: z.number().int(), usage_estimated: z.boolean().describe('true when no LLM node reported token counts (≈ characters / 4).') })
  .describe('Extension: the run behind this response (it is in the run history).');

const chatCompletionResponse = z.object({
  id: z.string().describe('chatcmpl-<run id>'),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string().describe('The endpoint slug.'),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
      finish_reason: z.enum(['stop', 'content_filter']).describe('content_filter when a guardrail blocked the question.'),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
  citations: z.array(publicCitation).describe('Extension: the passages the answer cites ([1], [2] … in the text). Streams send it on the chunk with finish_reason.'),
  ragraph: ragraphExtra,
});

const embeddingsResponse = z.object({
  object: z.literal('list'),
  data: z.array(z.object({ object: z.literal('embedding'), index: z.number().int(), embedding: z.union([z.array(z.number()), z.string().describe('base64 float32 LE')]) })),
  model: z.string(),
  usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
});

const modelList = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({ id: z.string().describe('Endpoint slug'), object: z.literal('model'), created: z.number().int(), owned_by: z.string(), kind: z.enum(['chat', 'embedder', 'ingestion', 'other']), description: z.string() }),
  ),
});

const uploadForm = {
  type: 'object',
  properties: {
    files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' }, description: 'One or more documents (any field name works; pdf, docx, html, md, txt, images).' },
    endpoint: { type: 'string', description: 'The ingestion endpoint to use when several write to this collection (also ?endpoint=).' },
    metadata: { type: 'string', description: 'A JSON object added to every document\'s metadata.' },
  },
  required: ['files'],
};

const schema = (s: z.ZodType) => toJsonSchema(s);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (s: Json) => ({ 'application/json': { schema: s } });

function errors(...statuses: number[]): Json {
  const text: Record<number, string> = {
    400: 'Invalid input: `error.details.zodIssues` lists each problem.',
    401: 'Missing, malformed, unknown or revoked API key.',
    403: 'The key is not scoped to this endpoint.',
    404: 'No such endpoint (or it is unpublished), run, dataset or evaluation.',
    409: 'The version is already being evaluated on that dataset (start), or the evaluation has already ended (cancel).',
    413: 'The body is over the size limit (8 MB JSON, 100 MB uploads), or a file is over the graph\'s limit.',
    422: 'The run failed on what was sent (a node refused the input).',
    429: 'Over the key\'s rate limit: wait `Retry-After` seconds.',
    502: 'A model server the graph calls failed.',
    503: 'The graph cannot serve as set up (e.g. its collection or model is missing): the message says what to fix.',
    504: 'A node timed out.',
  };
  return Object.fromEntries(
    statuses.map((s) => [String(s), { description: text[s] ?? 'Error', content: jsonContent(ref('Error')), ...(s === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } } : {}) }]),
  );
}

const modeParameter = {
  name: 'mode',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['sync', 'async', 'stream'], default: 'sync' },
  description: 'sync waits for the output; async answers 202 with a run id; stream (or `Accept: text/event-stream`) sends server-sent events.',
};

const sseDescription =
  'With `Accept: text/event-stream`: frames `started` {runId, endpoint, version}, then `run` (status), `node` (nodeId, status, durationMs, device), `token` (nodeId, text: answer tokens as the LLM writes them), `progress` (nodeId, data), and finally `done` with the same body a sync call returns (`error` instead of `output` if the run failed).';

function callOperation(slug: string | null, capabilities: Capabilities | null, info: { description?: string; graphName?: string; version?: number | null; canary?: string | null } = {}): Json {
  const summary = slug ? `Call ${slug}` : 'Call an endpoint';
  const lines = [
    info.description,
    slug && info.graphName ? `Serves graph “${info.graphName}” (${capabilities?.kind ?? 'other'} graph)${info.version ? `, version ${info.version}` : ', its latest version'}.` : undefined,
    info.canary,
    'Every call is a run in the run history, with the endpoint, version and key prefix.',
  ].filter(Boolean);
  return {
    operationId: slug ? `call_${slug.replace(/-/g, '_')}` : 'call_endpoint',
    summary,
    description: lines.join('\n\n'),
    tags: ['Endpoints'],
    parameters: [...(slug ? [] : [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }]), modeParameter],
    requestBody: { required: true, content: jsonContent(capabilities ? capabilities.inputJsonSchema : { type: 'object', description: "The run input: the fields of the graph's entry nodes." }) },
    responses: {
      '200': {
        description: `The run succeeded. ${sseDescription}`,
        content: {
          'application/json': { schema: capabilities ? { ...schema(callResult), properties: { ...(schema(callResult).properties as Json), output: capabilities.outputJsonSchema } } : ref('CallResult') },
          'text/event-stream': { schema: { type: 'string' } },
        },
      },
      '202': { description: 'mode=async: the run started.', content: jsonContent(ref('Accepted')) },
      ...errors(400, 401, 403, 404, 413, 422, 429, 502, 503, 504),
    },
  };
}

/**
 * The OpenAPI document: the generic routes, and a path with its schemas for each enabled endpoint
 * that `mayRead` lets through (all by default); `note` is added to the description (say why some
 * endpoints are not listed).
 */
export async function openApiDocument(db: Db, options: { serverUrl?: string; mayRead?: (endpointId: string) => boolean; note?: string } = {}): Promise<Json> {
  const listed = await db.prisma.endpoint.findMany({
    where: { enabled: true },
    orderBy: { slug: 'asc' },
    include: {
      graph: { select: { name: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { number: true, spec: true } } } },
      version: { select: { number: true, spec: true } },
      canaryVersion: { select: { number: true } },
    },
  });
  const endpoints = listed.filter((endpoint) => options.mayRead?.(endpoint.id) ?? true);
  const paths: Json = {
    '/api/v1/endpoints/{slug}': { post: callOperation(null, null) },
  };
  for (const endpoint of endpoints) {
    const served = endpoint.version ?? endpoint.graph.versions[0];
    if (!served) continue;
    const capabilities = capabilitiesOrNull(served.spec as unknown as GraphSpec);
    paths[`/api/v1/endpoints/${endpoint.slug}`] = {
      post: callOperation(endpoint.slug, capabilities, {
        description: endpoint.description,
        graphName: endpoint.graph.name,
        version: endpoint.version?.number ?? null,
        // a staged canary (0 %) serves no calls: nothing a caller meets
        canary: endpoint.canaryVersion && endpoint.canaryPercent > 0 ? `A canary sends ${endpoint.canaryPercent}% of calls to version ${endpoint.canaryVersion.number} (its schema may differ).` : null,
      }),
    };
  }
  Object.assign(paths, fixedPaths());
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ragraph public API',
      version: '1',
      description:
        'Published graphs as HTTP endpoints, an OpenAI-compatible API (model = endpoint slug), document uploads and evaluations of served versions on stored datasets. Authenticate with `Authorization: Bearer <API key>` (keys are created on the Endpoints page and scoped to endpoints). Errors are `{error: {code, message, details}}` (OpenAI routes: `{error: {message, type, param, code}}`).' +
        (options.note ? ` ${options.note}` : ''),
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Endpoints', description: 'Call published graphs.' },
      { name: 'Runs', description: 'Poll asynchronous calls.' },
      { name: 'OpenAI-compatible', description: 'Use any OpenAI client: base URL `/api/v1/openai`, model = endpoint slug.' },
      { name: 'Collections', description: 'Upload documents through an ingestion endpoint.' },
      { name: 'Evaluations', description: 'Store datasets of judged queries, and score what an endpoint serves on them.' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: rgk_XXXXXXXX_…' } },
      schemas: {
        Error: schema(errorBody),
        CallResult: schema(callResult),
        Accepted: schema(accepted),
        Run: schema(runView),
        ChatCompletionRequest: toJsonSchema(chatCompletionRequest),
        ChatCompletion: schema(chatCompletionResponse),
        EmbeddingsRequest: toJsonSchema(embeddingsRequest),
        Embeddings: schema(embeddingsResponse),
        ModelList: schema(modelList),
        Citation: schema(publicCitation),
        EvaluationRequest: toJsonSchema(publicEvaluationRequest),
        Evaluation: schema(publicEvaluationView),
        DatasetRequest: toJsonSchema(publicDatasetRequest),
        Dataset: schema(publicDatasetView),
      },
    },
  };
}

const slugParameter = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };

function fixedPaths(): Json {
  return {
    '/api/v1/endpoints/{slug}/evaluations': {
      post: {
        operationId: 'start_evaluation',
        summary: 'Evaluate a served version',
        description:
          "Scores the endpoint's main (or canary) version on a stored dataset: every judged query runs as a run of that version, and nDCG@10, Recall@100 and MRR@10 are computed against the judgements. Answers at once with the running evaluation; poll `statusUrl`. To gate a rollout, publish the new version as a 0 % canary, evaluate it, and compare `metrics` with `comparedWith`. One evaluation of a version on a dataset runs at a time (409 otherwise).",
        tags: ['Evaluations'],
        parameters: [slugParameter],
        requestBody: { required: true, content: jsonContent(ref('EvaluationRequest')) },
        responses: {
          '202': { description: 'Started; `Location` is its status URL.', content: jsonContent(ref('Evaluation')) },
          ...errors(400, 401, 403, 404, 409, 413, 429),
        },
      },
      get: {
        operationId: 'list_evaluations',
        summary: 'List evaluations',
        description: "The latest 50 evaluations of the endpoint's graph, newest first, each beside the older version it is compared with.",
        tags: ['Evaluations'],
        parameters: [slugParameter],
        responses: { '200': { description: '`{evaluations: [...]}`', content: jsonContent({ type: 'object', properties: { evaluations: { type: 'array', items: ref('Evaluation') } }, required: ['evaluations'] }) }, ...errors(401, 403, 404, 429) },
      },
    },
    '/api/v1/endpoints/{slug}/evaluations/{id}': {
      get: {
        operationId: 'get_evaluation',
        summary: 'Get an evaluation',
        description: 'Progress while it runs; then its scores beside those of the nearest older version scored on the same dataset.',
        tags: ['Evaluations'],
        parameters: [slugParameter, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'The evaluation.', content: jsonContent(ref('Evaluation')) }, ...errors(401, 403, 404, 429) },
      },
    },
    '/api/v1/endpoints/{slug}/evaluations/{id}/cancel': {
      post: {
        operationId: 'cancel_evaluation',
        summary: 'Cancel an evaluation',
        description: 'Stops a running evaluation: the runs of the queries in flight are cancelled, the queries already run keep their runs, and no scores are recorded.',
        tags: ['Evaluations'],
        parameters: [slugParameter, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'The evaluation, cancelled.', content: jsonContent(ref('Evaluation')) }, ...errors(401, 403, 404, 409, 429) },
      },
    },
    '/api/v1/datasets': {
      post: {
        operationId: 'add_dataset',
        summary: 'Add a dataset',
        description:
          'Stores judged queries under a name that evaluations then use: a BEIR queries.jsonl (one `{"_id", "text"}` per line) and qrels .tsv (query-id, corpus-id, score; a header line is fine) as text. Only queries with a relevant judgement are kept; `skipped` says what was left out. A dataset never changes once stored (409 for a name in use), so scores on it stay comparable. It serves every endpoint, so it needs a key for all endpoints (403 otherwise).',
        tags: ['Evaluations'],
        requestBody: { required: true, content: jsonContent(ref('DatasetRequest')) },
        responses: { '201': { description: 'Stored.', content: jsonContent(ref('Dataset')) }, ...errors(400, 401, 403, 409, 413, 429) },
      },
      get: {
        operationId: 'list_datasets',
        summary: 'List datasets',
        description: 'Every stored dataset, by name.',
        tags: ['Evaluations'],
        responses: { '200': { description: '`{datasets: [...]}`', content: jsonContent({ type: 'object', properties: { datasets: { type: 'array', items: ref('Dataset') } }, required: ['datasets'] }) }, ...errors(401, 429) },
      },
    },
    '/api/v1/runs/{runId}': {
      get: {
        operationId: 'get_run',
        summary: 'Get a run',
        description: 'Status, output and node timings of a call, for keys scoped to its endpoint.',
        tags: ['Runs'],
        parameters: [{ name: 'runId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'The run.', content: jsonContent(ref('Run')) }, ...errors(401, 403, 404) },
      },
    },
    '/api/v1/openai/chat/completions': {
      post: {
        operationId: 'chat_completions',
        summary: 'Chat completion',
        description:
          'Runs a chat endpoint (io.query-input → … → io.answer-output): the last user message is the query, and the user and assistant messages before it are its `history` (prompt templates show them to the LLM; a follow-up rewriter makes the question stand alone). `stream: true` sends chat.completion.chunk events ending with `data: [DONE]`; the chunk with finish_reason carries `citations`. Sampling parameters are ignored: the graph decides.',
        tags: ['OpenAI-compatible'],
        requestBody: { required: true, content: jsonContent(ref('ChatCompletionRequest')) },
        responses: {
          '200': { description: 'The completion (or an SSE stream of chunks).', content: { ...jsonContent(ref('ChatCompletion')), 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors(400, 401, 403, 404, 413, 422, 429, 502, 503, 504),
        },
      },
    },
    '/api/v1/openai/embeddings': {
      post: {
        operationId: 'embeddings',
        summary: 'Embeddings',
        description:
          'Runs an embedder endpoint once per input text. An embedder endpoint is a graph with an io.query-input entry and an io.result-output whose value comes straight from a query-vector output (e.g. query → embed.glove → result).',
        tags: ['OpenAI-compatible'],
        requestBody: { required: true, content: jsonContent(ref('EmbeddingsRequest')) },
        responses: { '200': { description: 'One vector per input.', content: jsonContent(ref('Embeddings')) }, ...errors(400, 401, 403, 404, 413, 429, 502) },
      },
    },
    '/api/v1/openai/models': {
      get: {
        operationId: 'list_models',
        summary: 'List models',
        description: 'The published endpoints this key may call.',
        tags: ['OpenAI-compatible'],
        responses: { '200': { description: 'Endpoints as models.', content: jsonContent(ref('ModelList')) }, ...errors(401) },
      },
    },
    '/api/v1/openai/models/{model}': {
      get: {
        operationId: 'get_model',
        summary: 'Get a model',
        tags: ['OpenAI-compatible'],
        parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The endpoint as a model.' }, ...errors(401, 403, 404) },
      },
    },
    '/api/v1/collections/{name}/documents': {
      post: {
        operationId: 'upload_documents',
        summary: 'Upload documents',
        description: `Runs the published ingestion endpoint that writes to this collection (io.file-input … store.pgvector) on the uploaded files. ${sseDescription}`,
        tags: ['Collections'],
        parameters: [
          { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'endpoint', in: 'query', required: false, schema: { type: 'string' }, description: 'The ingestion endpoint, when several write to this collection.' },
          modeParameter,
        ],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadForm } } },
        responses: {
          '200': { description: 'Ingested: output.<field> is the store summary (documents, chunks written, skipped unchanged).', content: { ...jsonContent(ref('CallResult')), 'text/event-stream': { schema: { type: 'string' } } } },
          '202': { description: 'mode=async: the run started.', content: jsonContent(ref('Accepted')) },
          ...errors(400, 401, 403, 404, 413, 422, 429),
        },
      },
    },
  };
}
