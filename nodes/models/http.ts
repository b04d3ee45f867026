import { isNodeError, NodeError } from '../core/errors';
import { proxiedFetch, viaProxy } from './proxied-fetch';

/**
 * JSON over HTTP for remote model servers (OpenAI-compatible, TEI, Cohere-style), with the error codes
 * nodes promise: REMOTE_UNREACHABLE when nothing answers, REMOTE_ERROR with status and a body excerpt
 * when the server says no (429 and 5xx are retryable), TIMEOUT when it answers too slowly, and the
 * run's own abort reason when the run is cancelled.
 */

export interface PostJsonOptions {
  /** the run's signal (timeout of the whole node, cancellation) */
  signal: AbortSignal;
  /** per-request limit */
  timeoutMs: number;
  apiKey?: string;
  headers?: Record<string, string>;
  /** for messages: what the server is, e.g. "embedding server" */
  what?: string;
}

/** A started request: its response, the signal body reads must stay under, and the error mapper. */
export interface StartedRequest {
  response: Response;
  url: string;
  /** aborts on the run's signal or this request's timeout */
  signal: AbortSignal;
  /** maps an error thrown while reading the body (abort, reset) to a NodeError */
  fail(error: unknown): NodeError;
}

/**
 * POSTs JSON and returns the response once its status is OK, without reading the body (streams read
 * it themselves). Every failure is a NodeError with the code nodes promise.
 */
export async function postRequest(url: string, body: unknown, options: PostJsonOptions & { accept?: string }): Promise<StartedRequest> {
  const what = options.what ?? 'server';
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  const fail = (error: unknown) => toNodeError(error, { url, what, timeoutMs: options.timeoutMs, timeout, runSignal: options.signal });
  let response: Response;
  try {
    response = await proxiedFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: options.accept ?? 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throw fail(error);
  }
  if (!response.ok) {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // the status says enough
    }
    const status = response.status;
    const hint = status === 401 || status === 403 ? ' (check the API key)' : status === 404 ? ' (check the URL and the model name)' : '';
    throw new NodeError('REMOTE_ERROR', `${what} at ${url} answered HTTP ${status}${hint}: ${excerpt(text)}`, {
      retryable: status === 408 || status === 409 || status === 429 || status >= 500,
      details: { status, body: excerpt(text) },
    });
  }
  return { response, url, signal, fail };
}

/** POSTs JSON and returns the parsed JSON answer. */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const { response, fail } = await postRequest(url, body, options);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw fail(error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NodeError('REMOTE_ERROR', `${options.what ?? 'server'} at ${url} answered with something that is not JSON: ${excerpt(text)}`);
  }
}

/** `{base}/v1/{path}`, accepting a base that already ends in /v1. */
export function v1Url(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base.endsWith('/v1') ? base : `${base}/v1`}/${path.replace(/^\/+/, '')}`;
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * The API key: the config's own, or one read from an environment variable. Only variables named
 * *_API_KEY may be read, so a graph cannot send other secrets (DATABASE_URL…) to a server it names.
 */
export function resolveApiKey(config: { apiKey?: string; apiKeyEnv?: string }): string | undefined {
  if (config.apiKey) return config.apiKey;
  if (!config.apiKeyEnv) return undefined;
  if (!API_KEY_ENV.test(config.apiKeyEnv)) {
    throw new NodeError('INVALID_CONFIG', `apiKeyEnv "${config.apiKeyEnv}" is not allowed: only environment variables named like OPENAI_API_KEY (ending in _API_KEY) can be read`);
  }
  const value = process.env[config.apiKeyEnv];
  if (!value) throw new NodeError('INVALID_CONFIG', `environment variable ${config.apiKeyEnv} is not set on this worker`);
  return value;
}

export const API_KEY_ENV = /^[A-Z][A-Z0-9_]*_API_KEY$/;

function toNodeError(
  error: unknown,
  at: { url: string; what: string; timeoutMs: number; timeout: AbortSignal; runSignal: AbortSignal },
): NodeError {
  if (isNodeError(error)) return error;
  if (at.timeout.aborted) {
    return new NodeError('TIMEOUT', `${at.what} at ${at.url} did not finish within ${at.timeoutMs} ms (raise timeoutMs or check the server's load)`, { cause: error });
  }
  if (at.runSignal.aborted) {
    const reason: unknown = at.runSignal.reason;
    if (isNodeError(reason)) return reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return new NodeError(timedOut ? 'TIMEOUT' : 'CANCELLED', `${at.what} request to ${at.url} was ${timedOut ? 'stopped by the node timeout' : 'cancelled'}`, { cause: error });
  }
  const code = networkCode(error);
  if (code && UNREACHABLE.has(code)) {
    const proxy = viaProxy(error);
    const advice = proxy ? ` through the proxy ${proxy}: are the proxy (HTTP_PROXY / HTTPS_PROXY, NO_PROXY) and the URL right?` : ': is the server running and is the URL right?';
    return new NodeError('REMOTE_UNREACHABLE', `could not reach ${at.what} at ${at.url} (${code})${advice}`, { cause: error });
  }
  return new NodeError('REMOTE_ERROR', `${at.what} at ${at.url} failed${code ? ` (${code})` : ''}: ${(error as Error)?.message ?? String(error)}`, { cause: error, retryable: true });
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'fetch failed']);

/** fetch wraps socket errors in TypeError("fetch failed") with the system error as cause. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return error instanceof TypeError && error.message === 'fetch failed' ? 'fetch failed' : undefined;
}

function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat || '(empty body)';
}
