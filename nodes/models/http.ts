import { isNodeError, NodeError } from '../core/errors';

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

export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const what = options.what ?? 'server';
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throw abortError(error, options, url, what) ?? unreachable(error, url, what);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw abortError(error, options, url, what) ?? new NodeError('REMOTE_ERROR', `${what} at ${url} broke off its answer: ${(error as Error).message}`, { retryable: true, cause: error });
  }
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    throw new NodeError('REMOTE_ERROR', `${what} at ${url} answered ${response.status} ${response.statusText}: ${excerpt(text)}`, {
      retryable,
      details: { status: response.status, body: excerpt(text) },
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NodeError('REMOTE_ERROR', `${what} at ${url} answered with something that is not JSON: ${excerpt(text)}`);
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

function abortError(error: unknown, options: PostJsonOptions, url: string, what: string): NodeError | undefined {
  if (options.signal.aborted) {
    const reason: unknown = options.signal.reason;
    if (isNodeError(reason)) return reason;
    return new NodeError('CANCELLED', `the run was cancelled while waiting for ${what} at ${url}`, { cause: error });
  }
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new NodeError('TIMEOUT', `${what} at ${url} did not answer within ${options.timeoutMs} ms`, { cause: error });
  }
  return undefined;
}

function unreachable(error: unknown, url: string, what: string): NodeError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new NodeError('REMOTE_UNREACHABLE', `cannot reach ${what} at ${url} (${reason}): is it running, and is the URL right?`, { cause: error });
}

function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat || '(empty body)';
}
