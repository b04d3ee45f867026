import type { RunEvent } from '../../../runners/index';
import { ServiceError } from '../../services/errors';
import { startCall, statusOfFailedRun, waitForCall, type Admitted, type PublicApiDeps } from '../../services/public-calls';
import { json, rateHeaders } from './http';
import { followRun, sseResponse } from './sse';

/**
 * How a native call answers, chosen by the caller:
 * - sync (default): waits, 200 `{runId, status, endpoint, version, output}`; a failed run answers with the
 *   status of its error (422 bad input, 502 model server, 504 timeout, 500) and `error.details.runId`.
 * - `?mode=async`: 202 `{runId, status, statusUrl}` at once; poll `GET /api/v1/runs/{runId}`.
 * - `Accept: text/event-stream` (or `?mode=stream`): SSE frames `started`, then `run`, `node`, `token`, `progress`,
 *   then `done` with the same body a sync call returns.
 */
export type CallMode = 'sync' | 'async' | 'stream';

export function callMode(request: Request): CallMode {
  const mode = new URL(request.url).searchParams.get('mode');
  if (mode !== null && mode !== 'sync' && mode !== 'async' && mode !== 'stream') {
    throw new ServiceError('BAD_REQUEST', `mode: "${mode}" is not a mode; use sync (default), async or stream`, { param: 'mode' });
  }
  if (mode === 'stream' || (mode === null && (request.headers.get('accept') ?? '').includes('text/event-stream'))) return 'stream';
  return mode ?? 'sync';
}

export async function runAndRespond(deps: PublicApiDeps, admitted: Admitted, input: Record<string, unknown>, mode: CallMode, request: Request): Promise<Response> {
  const { runId } = await startCall(deps, admitted, input);
  const about = { runId, endpoint: admitted.target.endpoint.slug, version: admitted.target.version.number };
  const headers = {
    ...rateHeaders(admitted.rate),
    'x-ragraph-run-id': runId,
    'x-ragraph-endpoint': about.endpoint,
    'x-ragraph-version': String(about.version),
  };

  if (mode === 'async') {
    const statusUrl = `/api/v1/runs/${runId}`;
    return json({ ...about, status: deps.runner.mode === 'in-process' ? 'running' : 'queued', statusUrl }, 202, { ...headers, location: statusUrl });
  }

  if (mode === 'stream') {
    return sseResponse(async (writer) => {
      writer.send('started', about);
      const final = await followRun(deps.runner, runId, (event) => writer.send(event.type, publicEvent(event)), () => writer.closed || request.signal.aborted);
      if (!final) return;
      writer.send('done', { ...about, status: final.status, output: final.output ?? null, error: final.error ?? null });
    }, headers);
  }

  const run = await waitForCall(deps, runId);
  if (run.status === 'succeeded') return json({ ...about, status: run.status, output: run.output }, 200, headers);
  const error = run.error ?? { code: 'RUN_FAILED', message: 'the run failed' };
  return json(
    { error: { code: error.code, message: error.message, details: { ...about, status: run.status, nodeId: error.nodeId } } },
    statusOfFailedRun(run),
    headers,
  );
}

/** Run events as the stream shows them (the run id is on every frame already known to the caller). */
function publicEvent(event: RunEvent): Record<string, unknown> {
  const { runId: _runId, ...rest } = event;
  return rest;
}
