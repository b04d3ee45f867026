import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';
import { HTTP_STATUS, isServiceError, ServiceError } from '../../services/errors';
import type { RateDecision } from '../../services/rate-limit';
import { assertStorableText } from '../../services/storable-text';
import { readBodyLimited, textResponse } from '../fetch-bridge';
import { extraHeaders } from '../responses';
import { log } from '../../log';

/** 413 when the declared length is already too much: answered before authentication reads anything. */
export function refuseDeclaredTooLarge(request: Request, limit: number): void {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared, limit);
}

function tooLarge(size: number | null, limit: number): ServiceError {
  const what = size === null ? 'the request body is larger than' : `the request body is ${size} bytes; the limit is`;
  return new ServiceError('PAYLOAD_TOO_LARGE', `${what} ${limit} bytes (${Math.round(limit / 1048576)} MB): send less per request`, { limitBytes: limit });
}

export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const body = await readBodyLimited(request, limit);
  if (body === null) throw tooLarge(null, limit);
  return body;
}

/** A multipart/form-data body (at most `limit` bytes), or a 400/413 that says what to send. */
export async function readMultipart(request: Request, limit: number): Promise<FormData> {
  refuseDeclaredTooLarge(request, limit);
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ServiceError('BAD_REQUEST', `send the documents as multipart/form-data (got "${contentType || 'no content type'}"): e.g. curl -F files=@report.pdf`);
  }
  const bytes = await readBytes(request, limit);
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    // the parser's own words ("Failed to parse body as FormData") do not say what to change
    const boundary = /boundary=/i.test(contentType) ? 'its parts do not match the boundary in the Content-Type header' : 'the Content-Type header names no boundary';
    throw new ServiceError('BAD_REQUEST', `the multipart body could not be read (${boundary}): let the client build it, e.g. curl -F files=@report.pdf, or fetch with a FormData body and no Content-Type of your own`);
  }
}

/** The body as a JSON object, or a 400 that says what is wrong with it. */
export async function readJsonObject(request: Request, limit: number = REQUEST_LIMITS.jsonBytes): Promise<Record<string, unknown>> {
  const bytes = await readBytes(request, limit);
  if (bytes.byteLength === 0) throw new ServiceError('BAD_REQUEST', 'the request has no body: send a JSON object (Content-Type: application/json)');
  let text: string;
  try {
    // JSON is UTF-8 (RFC 8259): other bytes would turn into U+FFFD and be stored as such, silently
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ServiceError('BAD_REQUEST', 'the body is not valid UTF-8: send JSON encoded as UTF-8 (Content-Type: application/json; charset=utf-8)');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ServiceError('BAD_REQUEST', 'the body must be a JSON object');
  assertStorableText(value, 'the body');
  return value as Record<string, unknown>;
}

export function rateHeaders(rate: RateDecision | undefined): Record<string, string> {
  if (!rate) return {};
  return { 'x-ratelimit-limit': String(rate.limit), 'x-ratelimit-remaining': String(rate.remaining) };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return textResponse(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });
}

/**
 * OpenAI-style errors for the /openai routes: `{error: {message, type, param, code}}`, the shape the
 * official clients parse into their APIError classes.
 */
export function openAIError(error: unknown): Response {
  if (!isServiceError(error)) {
    log.error('[api/v1] unexpected error:', error);
    return Response.json({ error: { message: 'the server failed to handle this request; the error is in its log', type: 'api_error', param: null, code: 'internal' } }, { status: 500 });
  }
  // a failed run keeps the status of its error (422 bad input, 502 model server, 504 timeout)
  const override = error.details?.httpStatus;
  const status = typeof override === 'number' ? override : HTTP_STATUS[error.code];
  const type =
    status === 401 ? 'authentication_error' : status === 403 ? 'permission_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
  return Response.json(
    { error: { message: error.message, type, param: (error.details?.param as string | undefined) ?? null, code: error.code.toLowerCase(), ...(error.details ? { details: error.details } : {}) } },
    { status, headers: extraHeaders(error) },
  );
}

