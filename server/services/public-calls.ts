import type { NodeErrorCode } from '../../nodes/core/errors';
import type { FinishedRun, Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { authenticate, authorize, mayCall, type AuthenticatedKey } from './api-keys';
import { ServiceError } from './errors';
import { uuid } from './spec-input';
import type { RateDecision, RateLimiter } from './rate-limit';
import { resolveTarget, type CallTarget } from './public-routing';
import type { EditorCredentials } from '../http/editor-auth';

/**
 * The steps every public call takes, whatever its protocol (native, OpenAI-compatible, upload):
 * who is calling (401), which endpoint and version (404, canary), may they (403), not too often (429),
 * then a run with the endpoint, version and key prefix on its row, so every call is in the run history.
 */
export interface PublicApiDeps {
  db: Db;
  runner: Runner;
  rateLimiter: RateLimiter;
  /** the editor's password, when it has one: its users may read every endpoint in the API reference */
  editorCredentials?: EditorCredentials;
}

export interface Admitted {
  key: AuthenticatedKey;
  target: CallTarget;
  rate: RateDecision;
}

export async function admit(deps: PublicApiDeps, authorization: string | null, slug: string): Promise<Admitted> {
  return admitKey(deps, await authenticate(deps.db, authorization), slug);
}

/** The same for a caller already authenticated (routes that read the slug from the body). */
export async function admitKey(deps: PublicApiDeps, key: AuthenticatedKey, slug: string): Promise<Admitted> {
  const target = await resolveTarget(deps.db, slug);
  authorize(key, target.endpoint);
  return { key, target, rate: await chargeKey(deps, key) };
}

/** Counts a request against the key's per-minute limit, or a 429 saying when to retry. */
export async function chargeKey(deps: PublicApiDeps, key: AuthenticatedKey): Promise<RateDecision> {
  const rate = await deps.rateLimiter.take(key.id, key.rateLimitPerMinute);
  if (!rate.allowed) {
    throw new ServiceError(
      'TOO_MANY_REQUESTS',
      `API key ${key.prefix} is over its limit of ${key.rateLimitPerMinute} calls per minute: retry in ${rate.retryAfterSeconds} s, or raise the key's limit`,
      { retryAfterSeconds: rate.retryAfterSeconds, limitPerMinute: key.rateLimitPerMinute },
    );
  }
  return rate;
}

export async function startCall(deps: PublicApiDeps, admitted: Admitted, input: Record<string, unknown>): Promise<{ runId: string }> {
  const { target, key } = admitted;
  return deps.runner.start({
    graphId: target.endpoint.graphId,
    graphVersionId: target.version.id,
    spec: target.version.spec,
    input,
    source: 'api',
    endpointId: target.endpoint.id,
    apiKeyPrefix: key.prefix,
  });
}

/** How long a synchronous call waits for its run before answering 504 (the run goes on; poll it). */
export const SYNC_WAIT_MS = 5 * 60_000;

export async function waitForCall(deps: PublicApiDeps, runId: string, timeoutMs = SYNC_WAIT_MS): Promise<FinishedRun> {
  try {
    return await deps.runner.wait(runId, timeoutMs);
  } catch (error) {
    throw new ServiceError('UNAVAILABLE', `the run did not finish within ${Math.round(timeoutMs / 1000)} s; it goes on: poll GET /api/v1/runs/${runId}`, {
      runId,
      cause: (error as Error).message,
    });
  }
}

/**
 * The HTTP status of a run that ended badly. Node errors about what the caller sent are the caller's
 * to fix (4xx); a model server failing is a bad gateway (502); a graph whose setup is incomplete is
 * unavailable (503); anything else is ours (500).
 */
export function statusOfFailedRun(run: FinishedRun): number {
  if (run.status === 'cancelled') return 409;
  return STATUS_OF_NODE_ERROR[run.error?.code as NodeErrorCode] ?? 500;
}

/** Every node error code has a status (the compiler checks the list is complete). */
const STATUS_OF_NODE_ERROR: Record<NodeErrorCode, number> = {
  INVALID_INPUT: 422,
  EMPTY_INPUT: 422,
  UNSUPPORTED_FORMAT: 422,
  CORRUPT_FILE: 422,
  DIMENSION_MISMATCH: 422,
  TOO_LARGE: 413,
  TIMEOUT: 504,
  REMOTE_ERROR: 502,
  REMOTE_UNREACHABLE: 502,
  // the graph cannot serve as configured (a missing collection or model): not the caller's fault,
  // and not a crash either; the message says what to set up
  MODEL_UNAVAILABLE: 503,
  INVALID_CONFIG: 503,
  NOT_FOUND: 503,
  // a model too busy to take the request before its deadline: try again later
  DEADLINE_EXCEEDED: 503,
  CANCELLED: 409,
  NOT_IMPLEMENTED: 500,
  INTERNAL: 500,
};

/** A run as the public API shows it: only to keys that may call its endpoint. */
export async function publicRun(deps: PublicApiDeps, key: AuthenticatedKey, runId: string) {
  const notFound = new ServiceError('NOT_FOUND', `run "${runId}" does not exist or was not started through the public API`);
  if (!uuid.safeParse(runId).success) throw notFound;
  const run = await deps.db.prisma.run.findUnique({
    where: { id: runId },
    include: {
      endpoint: { select: { slug: true } },
      graphVersion: { select: { number: true } },
      nodeRuns: { orderBy: [{ queuedAt: 'asc' }, { attempt: 'asc' }], select: { nodeId: true, nodeType: true, status: true, attempt: true, startedAt: true, finishedAt: true, errorCode: true, errorMessage: true } },
    },
  });
  if (!run || run.source !== 'api' || !run.endpointId) throw notFound;
  if (!mayCall(key, run.endpointId)) {
    throw new ServiceError('FORBIDDEN', `API key ${key.prefix} may not read runs of endpoint "${run.endpoint?.slug ?? run.endpointId}": use a key scoped to it`);
  }
  return {
    runId: run.id,
    status: run.status,
    endpoint: run.endpoint?.slug ?? null,
    version: run.graphVersion?.number ?? null,
    output: run.output,
    error: run.error,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    nodes: run.nodeRuns.map((n) => ({
      nodeId: n.nodeId,
      type: n.nodeType,
      status: n.status,
      attempt: n.attempt,
      durationMs: n.startedAt && n.finishedAt ? n.finishedAt.getTime() - n.startedAt.getTime() : null,
      error: n.errorCode ? { code: n.errorCode, message: n.errorMessage } : undefined,
    })),
  };
}

/** Token counts of a finished run, summed from what its LLM nodes recorded (null when none did). */
export async function recordedUsage(db: Db, runId: string): Promise<{ promptTokens: number; completionTokens: number } | null> {
  const rows = await db.sql.query<{ prompt: string | null; completion: string | null }>(
    `SELECT sum((metrics->>'promptTokens')::numeric) AS prompt, sum((metrics->>'completionTokens')::numeric) AS completion
       FROM node_run WHERE run_id = $1 AND status = 'succeeded' AND metrics ? 'completionTokens'`,
    [runId],
  );
  const row = rows[0];
  if (!row || row.completion === null) return null;
  return { promptTokens: Number(row.prompt ?? 0), completionTokens: Number(row.completion) };
}
