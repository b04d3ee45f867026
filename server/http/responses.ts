import { HTTP_STATUS, isServiceError, type ServiceError } from '../services/errors';
import { isGraphValidationError } from '../services/graph-errors';
import { log } from '../log';

/** JSON error bodies of the HTTP API: `{ error: { code, message, details? } }`. */
export function errorResponse(status: number, code: string, message: string, details?: unknown, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status, headers });
}

/** Maps an error thrown by a service to its HTTP response; anything unexpected is a logged 500. */
export function responseForError(error: unknown): Response {
  if (isServiceError(error)) return errorResponse(HTTP_STATUS[error.code], error.code, error.message, error.details, extraHeaders(error));
  if (isGraphValidationError(error)) return errorResponse(400, 'BAD_REQUEST', error.message, { issues: error.issues });
  log.error('[http] unexpected error:', error);
  return errorResponse(500, 'INTERNAL', 'the server failed to handle this request; the error is in its log');
}

/**
 * Retry-After on 429. On 413 the connection closes: the rest of the refused body is still on the wire,
 * so the socket must not be reused for another request.
 */
export function extraHeaders(error: ServiceError): Record<string, string> {
  if (error.code === 'TOO_MANY_REQUESTS') return { 'retry-after': String(error.details?.retryAfterSeconds ?? 1) };
  if (error.code === 'PAYLOAD_TOO_LARGE') return { connection: 'close' };
  return {};
}
