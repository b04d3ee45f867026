import { getServices } from '../services/app-services';
import { checkHealth } from '../services/health';
import { browserUpload } from './browser-upload';
import { datasetDownload } from './dataset-download';
import { decodedParams } from './params';
import { errorResponse, responseForError } from './responses';
import { handleTrpc } from './trpc-handler';
import { handlePublicApi } from './v1/production';

/**
 * Everything under /api/ is served here, natively (no bundling); the rest goes to Next.js.
 * Routes are matched in order; each handler is a Fetch-style function.
 */
type Handler = (request: Request, params: Record<string, string>) => Promise<Response>;
interface Route {
  pattern: RegExp;
  methods: string[];
  handler: Handler;
}

const routes: Route[] = [
  {
    pattern: /^\/api\/health$/,
    methods: ['GET'],
    handler: async () => {
      const health = await checkHealth();
      return Response.json(health, { status: health.database.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
    },
  },
  { pattern: /^\/api\/trpc(\/.*)?$/, methods: ['GET', 'POST'], handler: (request) => handleTrpc(request) },
  {
    pattern: /^\/api\/collections\/(?<name>[^/]+)\/upload$/,
    methods: ['POST'],
    handler: (request, params) =>
      getServices()
        .then((services) => browserUpload(services, request, { name: params.name! }))
        .catch(responseForError),
  },
  {
    pattern: /^\/api\/datasets\/(?<id>[^/]+)\/(?<file>[^/]+)$/,
    methods: ['GET'],
    handler: (request, params) =>
      getServices()
        .then((services) => datasetDownload(services, { id: params.id!, file: params.file! }))
        .catch(responseForError),
  },
  // the public API (server/http/v1) matches its own routes and methods
  { pattern: /^\/api\/v1(\/.*)?$/, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], handler: (request) => handlePublicApi(request) },
];

export async function handleApi(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (!route.methods.includes(request.method)) {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `${request.method} is not supported here; use ${route.methods.join(' or ')}`, undefined, {
        allow: route.methods.join(', '),
      });
    }
    let params: Record<string, string>;
    try {
      params = decodedParams(match.groups);
    } catch (error) {
      return responseForError(error);
    }
    return route.handler(request, params);
  }
  return errorResponse(404, 'NOT_FOUND', `no API route ${pathname}`);
}

export type { Route, Handler };
