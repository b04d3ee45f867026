import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { notFound, ServiceError } from './errors';
import { servedVersions } from './public-routing';
import { startRun } from './runs';

/**
 * "Try it" on an endpoint's page: a run of a version the endpoint serves, its main one or its canary
 * (chosen, not drawn by the canary share), started from the editor. It is not a call: no key, no
 * rate limit, and it stays out of the endpoint's traffic (the run names the version, not the endpoint).
 */
export async function tryEndpoint(db: Db, runner: Runner, request: { slug: string; version: 'main' | 'canary'; input: Record<string, unknown> }) {
  if (!(await db.prisma.endpoint.findUnique({ where: { slug: request.slug }, select: { id: true } }))) throw notFound('endpoint', request.slug);
  const served = await servedVersions(db, request.slug); // unpublished, or no version to serve: 404 saying so
  const versionId = request.version === 'canary' ? served.canaryId : served.mainId;
  if (!versionId) throw new ServiceError('BAD_REQUEST', `endpoint "${request.slug}" has no canary version: try its main version`);
  const { runId } = await startRun(db, runner, { graphId: served.endpoint.graphId, versionId, input: request.input, source: 'editor' });
  return { runId };
}
