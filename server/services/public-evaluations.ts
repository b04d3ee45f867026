import { z } from 'zod';
import { authorize, type AuthenticatedKey } from './api-keys';
import { datasetName, findDatasetByName } from './datasets';
import { notFound, ServiceError, zodIssuesMessage } from './errors';
import { nearestOlder } from '../evaluation/nearest-older';
import { cancelEvaluation, getEvaluationSummary, listEvaluations, olderVersionScores, startEvaluation, startEvaluationInput, type EvaluationSummary } from './evaluations';
import { chargeKey, type PublicApiDeps } from './public-calls';
import { servedVersions, type CallTarget } from './public-routing';
import { uuid } from './spec-input';

/**
 * Evaluations through the public API, so a deployment pipeline can score what an endpoint serves on a
 * stored dataset and gate a rollout on it: publish the new version as a canary at 0 %, evaluate the
 * canary, compare with `comparedWith` (the nearest older version scored on the same dataset), then
 * promote or roll back. A key reaches only the versions its endpoint serves (main and canary), as a
 * call would: it cannot run other versions of the graph this way.
 */
export const publicEvaluationRequest = z
  .object({
    dataset: datasetName.describe('The name of a stored dataset (added on the Datasets page, with `rag datasets add` or POST /api/v1/datasets).'),
    version: z.enum(['main', 'canary']).default('main').describe('Which of the versions the endpoint serves to score: the main one, or its canary.'),
    depth: startEvaluationInput.shape.depth.describe('Passages retrieved per query and scored (nDCG@10, Recall@100 and MRR@10 read the top of them).'),
  })
  .strict();

export const publicEvaluationView = z.object({
  id: z.string().uuid(),
  endpoint: z.string().describe('The endpoint slug.'),
  version: z.number().int().describe('The graph version scored.'),
  dataset: z.string(),
  collection: z.string().describe('The collections its retrievers searched.'),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  queries: z.number().int(),
  done: z.number().int().describe('Queries scored so far.'),
  failed: z.number().int().describe('Queries whose run failed (scored as empty rankings).'),
  metrics: z.record(z.string(), z.number()).describe('ndcg10, recall100, mrr10 once the evaluation succeeded; empty before.'),
  error: z.string().nullable(),
  comparedWith: z
    .object({ version: z.number().int(), metrics: z.record(z.string(), z.number()) })
    .nullable()
    .describe('The nearest older version of the graph scored on the same dataset and collections (the History compares with it); null when none was.'),
  createdAt: z.string(),
  updatedAt: z.string(),
  statusUrl: z.string().describe('GET it (with the same key) until status is no longer running.'),
});
export type PublicEvaluationView = z.infer<typeof publicEvaluationView>;

type EndpointRow = CallTarget['endpoint'];

/** The endpoint at `slug` with the versions it serves (as calls resolve them), if this key may use it. */
async function endpointFor(deps: PublicApiDeps, key: AuthenticatedKey, slug: string) {
  const served = await servedVersions(deps.db, slug);
  authorize(key, served.endpoint);
  await chargeKey(deps, key);
  return { endpoint: served.endpoint, main: served.mainId, canary: served.canaryId };
}

/** POST /api/v1/endpoints/{slug}/evaluations: starts scoring a served version; answers at once. */
export async function startPublicEvaluation(deps: PublicApiDeps, key: AuthenticatedKey, slug: string, body: unknown): Promise<PublicEvaluationView> {
  const { endpoint, main, canary } = await endpointFor(deps, key, slug);
  const parsed = publicEvaluationRequest.safeParse(body);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', `the evaluation request is not valid: ${zodIssuesMessage(parsed.error)}`, { zodIssues: parsed.error.issues });
  const request = parsed.data;
  const versionId = request.version === 'canary' ? canary : main;
  if (!versionId) throw new ServiceError('NOT_FOUND', `endpoint "${slug}" has no canary version: set one on its page (a 0 % canary serves no calls and can still be evaluated)`);
  const dataset = await findDatasetByName(deps.db, request.dataset);
  if (!dataset) throw new ServiceError('NOT_FOUND', `no dataset is named "${request.dataset}": add it on the Datasets page, with rag datasets add or POST /api/v1/datasets (names are case-sensitive)`);
  const started = await startEvaluation(deps.db, deps.runner, { versionId, datasetId: dataset.id, depth: request.depth, createdBy: `api:${key.prefix}` });
  return viewOf(deps, endpoint, started.id);
}

/**
 * POST /api/v1/endpoints/{slug}/evaluations/{id}/cancel: stops a running evaluation (a pipeline that
 * gave up waiting); the queries already run keep their runs, and no scores are recorded.
 */
export async function cancelPublicEvaluation(deps: PublicApiDeps, key: AuthenticatedKey, slug: string, id: string): Promise<PublicEvaluationView> {
  const { endpoint } = await endpointFor(deps, key, slug);
  await viewOf(deps, endpoint, id); // 404 unless it is this endpoint's
  await cancelEvaluation(deps.db, id);
  return viewOf(deps, endpoint, id);
}

/** GET /api/v1/endpoints/{slug}/evaluations/{id}: progress, then scores beside the older version's. */
export async function getPublicEvaluation(deps: PublicApiDeps, key: AuthenticatedKey, slug: string, id: string): Promise<PublicEvaluationView> {
  const { endpoint } = await endpointFor(deps, key, slug);
  return viewOf(deps, endpoint, id);
}

/**
 * GET /api/v1/endpoints/{slug}/evaluations: the graph's latest evaluations, newest first (at most
 * 50), each beside the older version it is compared with, for a dashboard or a pipeline's report.
 */
export async function listPublicEvaluations(deps: PublicApiDeps, key: AuthenticatedKey, slug: string): Promise<{ evaluations: PublicEvaluationView[] }> {
  const { endpoint } = await endpointFor(deps, key, slug);
  const all = await listEvaluations(deps.db, endpoint.graphId);
  // compared within the one list read, as the History does, rather than one query per line
  return {
    evaluations: all.slice(0, LISTED).map((e) => {
      const older = nearestOlder(all, e);
      return toView(endpoint, e, older ? { version: older.versionNumber, metrics: older.metrics } : null);
    }),
  };
}

const LISTED = 50;

async function viewOf(deps: PublicApiDeps, endpoint: EndpointRow, id: string): Promise<PublicEvaluationView> {
  const missing = notFound(`evaluation of endpoint ${endpoint.slug}`, id);
  if (!uuid.safeParse(id).success) throw missing;
  const found = await getEvaluationSummary(deps.db, id).catch(() => null);
  // an evaluation of another graph is not this endpoint's to show, whoever asks
  if (!found || found.graphId !== endpoint.graphId) throw missing;
  return toView(endpoint, found, await olderVersionScores(deps.db, { versionId: found.graphVersionId, dataset: found.dataset, collection: found.collection }));
}

function toView(endpoint: EndpointRow, e: EvaluationSummary, comparedWith: PublicEvaluationView['comparedWith']): PublicEvaluationView {
  return {
    id: e.id,
    endpoint: endpoint.slug,
    version: e.versionNumber,
    dataset: e.dataset,
    collection: e.collection,
    status: e.status,
    queries: e.queries,
    done: e.done,
    failed: e.failed,
    metrics: e.metrics,
    error: e.error,
    comparedWith,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    statusUrl: `/api/v1/endpoints/${encodeURIComponent(endpoint.slug)}/evaluations/${e.id}`,
  };
}
