import { authenticate } from '../../services/api-keys';
import type { PublicApiDeps } from '../../services/public-calls';
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
