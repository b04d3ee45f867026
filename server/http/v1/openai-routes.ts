import type { z } from 'zod';
import type { FinishedRun } from '../../../runners/index';
import type { Db } from '../../db/client';
import { authenticate, mayCall } from '../../services/api-keys';
import { ServiceError } from '../../services/errors';
import { admitKey, recordedUsage, startCall, statusOfFailedRun, waitForCall, type PublicApiDeps } from '../../services/public-calls';
import { servedEndpoints } from '../../services/public-routing';
import {
  answerOf,
  chatCompletion,
  chatCompletionRequest,
  chatRunInput,
  chunk,
  embeddingsRequest,
  encodeEmbedding,
  estimateTokens,
  parseOpenAIBody,
  publicCitations,
  ragraphField,
  requireChat,
  requireEmbedder,
  usageOf,
  type CompletionMeta,
} from '../../services/public-openai';
import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';
import { json, rateHeaders, readJsonObject, refuseDeclaredTooLarge } from './http';
import { followRun, sseResponse } from './sse';

/**
 * What every OpenAI-style call does first, in this order: refuse a declared oversize body (413), find
 * the key (401), check the body against the route's schema (400), then admit the key to the
 * endpoint named by `model` (404 / 403 / 429).
 */
async function admitOpenAI<T extends { model: string }>(deps: PublicApiDeps, request: Request, schema: z.ZodType<T>) {
  refuseDeclaredTooLarge(request, REQUEST_LIMITS.jsonBytes);
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const body = parseOpenAIBody(schema, await readJsonObject(request));
  return { body, admitted: await admitKey(deps, key, body.model) };
}

/** POST /api/v1/openai/chat/completions — `model` is the endpoint slug; see services/public-openai.ts. */
export async function chatCompletions(deps: PublicApiDeps, request: Request): Promise<Response> {
  const { body, admitted } = await admitOpenAI(deps, request, chatCompletionRequest);
  const chat = requireChat(admitted.target.capabilities, body.model);
  const input = chatRunInput(body);
  const { runId } = await startCall(deps, admitted, input);
  const meta: CompletionMeta = { runId, slug: admitted.target.endpoint.slug, version: admitted.target.version.number, created: Math.floor(Date.now() / 1000) };
  const headers = { ...rateHeaders(admitted.rate), 'x-ragraph-run-id': runId, 'x-ragraph-version': String(meta.version) };

  if (!body.stream) {
    const run = await waitForCall(deps, runId);
    if (run.status !== 'succeeded') throw runFailure(run);
    const answer = answerOf(run.output, chat.answerField);
    const recorded = await recordedUsage(deps.db, runId);
    return json(chatCompletion(meta, answer, usageOf(recorded, String(input.query), answer.text), recorded === null), 200, headers);
  }

  return sseResponse(async (writer) => {
    writer.send(undefined, chunk(meta, { role: 'assistant', content: '' }, null));
    let streamed = '';
    const answerNodes = new Set(chat.answerNodes);
    const final = await followRun(
      deps.runner,
      runId,
      (event) => {
        if (event.type !== 'token' || !answerNodes.has(event.nodeId)) return;
        streamed += event.text;
        writer.send(undefined, chunk(meta, { content: event.text }, null));
      },
      () => writer.closed || request.signal.aborted,
    );
    if (!final) return;
    if (final.status !== 'succeeded') {
      const error = runFailure({ runId, status: final.status, output: null, error: final.error ?? null });
      writer.send(undefined, { error: { message: error.message, type: 'api_error', param: null, code: final.error?.code.toLowerCase() ?? 'run_failed', details: error.details } });
      return;
    }
    const answer = answerOf(final.output ?? null, chat.answerField);
    // tokens emitted before this stream subscribed (or an answer that was never streamed, e.g. a
    // guardrail's refusal) still reach the client: send whatever the final text adds
    if (answer.text.startsWith(streamed) && answer.text.length > streamed.length) {
      writer.send(undefined, chunk(meta, { content: answer.text.slice(streamed.length) }, null));
    }
    const recorded = await recordedUsage(deps.db, runId);
    writer.send(
      undefined,
      chunk(meta, {}, answer.blocked ? 'content_filter' : 'stop', { citations: publicCitations(answer.citations), ragraph: ragraphField(meta, recorded === null) }),
    );
    if (body.stream_options?.include_usage) {
      writer.send(undefined, { ...chunk(meta, {}, null), choices: [], usage: usageOf(recorded, String(input.query), answer.text) });
    }
    writer.sendRaw('[DONE]');
  }, headers);
}

/**
 * POST /api/v1/openai/embeddings — for embedder endpoints (see public-capabilities.ts). Each input text
 * is one run of the graph (each in the run history); the request counts once against the rate limit.
 */
export async function embeddings(deps: PublicApiDeps, request: Request): Promise<Response> {
  const { body, admitted } = await admitOpenAI(deps, request, embeddingsRequest);
  const embedder = requireEmbedder(admitted.target.capabilities, body.model);
  const texts = typeof body.input === 'string' ? [body.input] : body.input;

  const vectors: number[][] = new Array(texts.length);
  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const index = next++;
      const { runId } = await startCall(deps, admitted, { query: texts[index]! });
      const run = await waitForCall(deps, runId);
      if (run.status !== 'succeeded') throw runFailure(run);
      const value = run.output?.[embedder.vectorField] as { vector?: unknown } | undefined;
      if (!Array.isArray(value?.vector)) throw new ServiceError('UNAVAILABLE', `run ${runId} returned no vector in "${embedder.vectorField}"`);
      vectors[index] = value.vector as number[];
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, texts.length) }, worker));

  const dims = vectors[0]?.length ?? 0;
  if (body.dimensions !== undefined && body.dimensions !== dims) {
    throw new ServiceError('BAD_REQUEST', `dimensions: endpoint "${body.model}" returns ${dims}-dimensional vectors and does not truncate them; omit dimensions or send ${dims}`, {
      param: 'dimensions',
    });
  }
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  return json(
    {
      object: 'list',
      data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(vector, body.encoding_format) })),
      model: admitted.target.endpoint.slug,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
      ragraph: { endpoint: admitted.target.endpoint.slug, version: admitted.target.version.number, dims, usage_estimated: true },
    },
    200,
    rateHeaders(admitted.rate),
  );
}

/** GET /api/v1/openai/models — the published endpoints this key may call, as models. */
export async function listModels(deps: PublicApiDeps, request: Request): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const models = (await publishedModels(deps.db)).filter((m) => mayCall(key, m.endpointId));
  return json({ object: 'list', data: models.map(({ endpointId: _id, ...model }) => model) });
}

/** GET /api/v1/openai/models/{model} */
export async function getModel(deps: PublicApiDeps, request: Request, params: { model: string }): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const model = (await publishedModels(deps.db)).find((m) => m.id === params.model);
  if (!model) throw new ServiceError('NOT_FOUND', `no endpoint is published at "${params.model}"`, { param: 'model' });
  if (!mayCall(key, model.endpointId)) throw new ServiceError('FORBIDDEN', `API key ${key.prefix} is not allowed to call endpoint "${params.model}"`, { param: 'model' });
  const { endpointId: _id, ...rest } = model;
  return json(rest);
}

async function publishedModels(db: Db) {
  return (await servedEndpoints(db)).map((e) => ({
    endpointId: e.id,
    id: e.slug,
    object: 'model' as const,
    created: Math.floor(e.createdAt.getTime() / 1000),
    owned_by: 'ragraph',
    kind: e.capabilities?.kind ?? 'other',
    description: e.description,
  }));
}

function runFailure(run: FinishedRun): ServiceError {
  const httpStatus = statusOfFailedRun(run);
  const code = httpStatus === 413 ? 'PAYLOAD_TOO_LARGE' : httpStatus < 500 ? 'BAD_REQUEST' : 'UNAVAILABLE';
  return new ServiceError(code, run.error?.message ?? `the run ${run.status}`, {
    httpStatus,
    runId: run.runId,
    runStatus: run.status,
    errorCode: run.error?.code ?? null,
    nodeId: run.error?.nodeId ?? null,
  });
}
