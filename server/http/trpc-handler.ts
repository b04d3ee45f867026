import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { REQUEST_LIMITS } from '../../nodes/core/request-limits';
import { createContext } from '../context';
import { appRouter } from '../routers/_app';
import { errorResponse } from './responses';
import { log } from '../log';

/** Bodies over the JSON limit are refused before parsing (graph specs are capped at 1 MB inside). */
export async function handleTrpc(request: Request): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > REQUEST_LIMITS.jsonBytes) {
    return errorResponse(413, 'PAYLOAD_TOO_LARGE', `request body is ${length} bytes; the limit is ${REQUEST_LIMITS.jsonBytes}`);
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') log.error(`[trpc] ${path}:`, error.cause ?? error);
    },
  });
}
