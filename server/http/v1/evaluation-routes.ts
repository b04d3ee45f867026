import { authenticate } from '../../services/api-keys';
import type { PublicApiDeps } from '../../services/public-calls';
import { addPublicDataset, listPublicDatasets } from '../../services/public-datasets';
import { cancelPublicEvaluation, getPublicEvaluation, listPublicEvaluations, startPublicEvaluation } from '../../services/public-evaluations';
import { json, readJsonObject, refuseDeclaredTooLarge } from './http';
import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';

/** POST /api/v1/endpoints/{slug}/evaluations: 202 with the running evaluation and where to poll it. */
export async function startEvaluationRoute(deps: PublicApiDeps, request: Request, params: { slug: string }): Promise<Response> {
  refuseDeclaredTooLarge(request, REQUEST_LIMITS.jsonBytes);
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const body = await readJsonObject(request);
  const evaluation = await startPublicEvaluation(deps, key, params.slug, body);
  return json(evaluation, 202, { location: evaluation.statusUrl });
}

/** GET /api/v1/endpoints/{slug}/evaluations/{id}: its progress, then its scores. */
export async function getEvaluationRoute(deps: PublicApiDeps, request: Request, params: { slug: string; id: string }): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  return json(await getPublicEvaluation(deps, key, params.slug, params.id));
}

/** POST /api/v1/endpoints/{slug}/evaluations/{id}/cancel: stops it; 409 once it has ended. */
export async function cancelEvaluationRoute(deps: PublicApiDeps, request: Request, params: { slug: string; id: string }): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  return json(await cancelPublicEvaluation(deps, key, params.slug, params.id));
}

/** GET /api/v1/endpoints/{slug}/evaluations: the latest evaluations of its graph, newest first. */
export async function listEvaluationsRoute(deps: PublicApiDeps, request: Request, params: { slug: string }): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  return json(await listPublicEvaluations(deps, key, params.slug));
}

/** Two dataset files of up to 4 MB each, JSON-escaped. */
const DATASET_BODY_BYTES = 2 * REQUEST_LIMITS.jsonBytes;

/** POST /api/v1/datasets: 201 with the stored dataset (keys for all endpoints only). */
export async function addDatasetRoute(deps: PublicApiDeps, request: Request): Promise<Response> {
  refuseDeclaredTooLarge(request, DATASET_BODY_BYTES);
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const body = await readJsonObject(request, DATASET_BODY_BYTES);
  return json(await addPublicDataset(deps, key, body), 201);
}

/** GET /api/v1/datasets: every stored dataset, by name. */
export async function listDatasetsRoute(deps: PublicApiDeps, request: Request): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  return json(await listPublicDatasets(deps, key));
}
