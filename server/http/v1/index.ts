import type { PublicApiDeps } from '../../services/public-calls';
import { openApiDocument } from '../../services/public-openapi';
import { decodedParams } from '../params';
import { errorResponse, responseForError } from '../responses';
import { uploadDocuments } from './collection-routes';
import { docsPage, docsReader } from './docs-reader';
import { callEndpoint, getRun } from './endpoint-routes';
import { addDatasetRoute, cancelEvaluationRoute, getEvaluationRoute, listDatasetsRoute, listEvaluationsRoute, startEvaluationRoute } from './evaluation-routes';
import { json, openAIError } from './http';
import { chatCompletions, embeddings, getModel, listModels } from './openai-routes';

/**
 * The public API under /api/v1: a route table of Fetch-style handlers over injected services (the
 * server passes its process-wide ones; tests pass their own database and runner). Native routes answer
 * errors as `{error: {code, message, details}}`, the /openai routes in OpenAI's error shape.
 */
type Params = Record<string, string>;
interface V1Route {
  pattern: RegExp;
  method: 'GET' | 'POST';
  openai?: boolean;
  handle(deps: PublicApiDeps, request: Request, params: Params): Promise<Response>;
}

const ROUTES: V1Route[] = [
  { pattern: /^\/api\/v1\/endpoints\/(?<slug>[^/]+)$/, method: 'POST', handle: (d, r, p) => callEndpoint(d, r, { slug: p.slug! }) },
  { pattern: /^\/api\/v1\/endpoints\/(?<slug>[^/]+)\/evaluations$/, method: 'POST', handle: (d, r, p) => startEvaluationRoute(d, r, { slug: p.slug! }) },
  { pattern: /^\/api\/v1\/endpoints\/(?<slug>[^/]+)\/evaluations$/, method: 'GET', handle: (d, r, p) => listEvaluationsRoute(d, r, { slug: p.slug! }) },
  { pattern: /^\/api\/v1\/endpoints\/(?<slug>[^/]+)\/evaluations\/(?<id>[^/]+)$/, method: 'GET', handle: (d, r, p) => getEvaluationRoute(d, r, { slug: p.slug!, id: p.id! }) },
  { pattern: /^\/api\/v1\/endpoints\/(?<slug>[^/]+)\/evaluations\/(?<id>[^/]+)\/cancel$/, method: 'POST', handle: (d, r, p) => cancelEvaluationRoute(d, r, { slug: p.slug!, id: p.id! }) },
  { pattern: /^\/api\/v1\/datasets$/, method: 'POST', handle: (d, r) => addDatasetRoute(d, r) },
  { pattern: /^\/api\/v1\/datasets$/, method: 'GET', handle: (d, r) => listDatasetsRoute(d, r) },
  { pattern: /^\/api\/v1\/runs\/(?<runId>[^/]+)$/, method: 'GET', handle: (d, r, p) => getRun(d, r, { runId: p.runId! }) },
  { pattern: /^\/api\/v1\/openai(?:\/v1)?\/chat\/completions$/, method: 'POST', openai: true, handle: (d, r) => chatCompletions(d, r) },
  { pattern: /^\/api\/v1\/openai(?:\/v1)?\/embeddings$/, method: 'POST', openai: true, handle: (d, r) => embeddings(d, r) },
  { pattern: /^\/api\/v1\/openai(?:\/v1)?\/models$/, method: 'GET', openai: true, handle: (d, r) => listModels(d, r) },
  { pattern: /^\/api\/v1\/openai(?:\/v1)?\/models\/(?<model>[^/]+)$/, method: 'GET', openai: true, handle: (d, r, p) => getModel(d, r, { model: p.model! }) },
  { pattern: /^\/api\/v1\/collections\/(?<name>[^/]+)\/documents$/, method: 'POST', handle: (d, r, p) => uploadDocuments(d, r, { name: p.name! }) },
  {
    pattern: /^\/api\/v1\/openapi\.json$/,
    method: 'GET',
    handle: async (d, r) => json(await openApiDocument(d.db, { serverUrl: new URL(r.url).origin, ...(await docsReader(d, r)) }), 200, { 'access-control-allow-origin': '*', vary: 'authorization' }),
  },
  { pattern: /^\/api\/v1\/docs\/?$/, method: 'GET', handle: (d, r) => docsPage(d, r) },
];

export function createPublicApi(deps: () => Promise<PublicApiDeps>): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(pathname) })).filter((m) => m.match);
    if (matching.length === 0) return errorResponse(404, 'NOT_FOUND', `no API route ${pathname}: see /api/v1/docs`);
    const hit = matching.find((m) => m.route.method === request.method);
    if (!hit) {
      const allowed = matching.map((m) => m.route.method).join(', ');
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `${request.method} is not supported here; use ${allowed}`, undefined, { allow: allowed });
    }
    try {
      const params: Params = decodedParams(hit.match!.groups);
      return await hit.route.handle(await deps(), request, params);
    } catch (error) {
      return hit.route.openai ? openAIError(error) : responseForError(error);
    }
  };
}
