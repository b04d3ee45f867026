import type { GraphSpec } from '../../nodes/core/spec';
import type { Db } from '../db/client';
import { ServiceError } from './errors';
import { capabilitiesOf, type Capabilities } from './public-capabilities';
import { isGraphValidationError } from './graph-errors';

/**
 * Which version serves a call to an endpoint. On the hot path of every public call, so routing rows are
 * cached briefly (ROUTING_TTL_MS; changes made in this process drop the entry at once, other processes
 * see them within the TTL) and version specs forever (versions are immutable).
 */
export interface CallTarget {
  endpoint: { id: string; slug: string; graphId: string };
  version: { id: string; number: number; spec: GraphSpec };
  /** true when the canary share picked the canary version */
  canary: boolean;
  capabilities: Capabilities;
}

const ROUTING_TTL_MS = 1000;

interface RoutingRow {
  id: string;
  slug: string;
  graphId: string;
  enabled: boolean;
  versionId: string | null;
  canaryVersionId: string | null;
  canaryPercent: number;
  latestVersionId: string | null;
}

interface CachedVersion {
  id: string;
  number: number;
  spec: GraphSpec;
  /** computed once per version: hashing the spec on every call would cost more than the lookup */
  capabilities: Capabilities;
}

interface RoutingCache {
  rows: Map<string, { row: RoutingRow | null; expires: number }>;
  versions: Map<string, CachedVersion>;
  counters: Map<string, number>;
}

/** One cache per database handle (tests open several in one process). */
const caches = new WeakMap<Db, RoutingCache>();
function cacheOf(db: Db): RoutingCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { rows: new Map(), versions: new Map(), counters: new Map() }));
  return cache;
}

/** Drops the cached routing of a slug (after publish, routing changes, rollback, unpublish). */
export function forgetRouting(db: Db, slug: string): void {
  caches.get(db)?.rows.delete(slug);
}

/**
 * The versions a published endpoint serves: its main one (pinned, else the latest) and its canary
 * (null when none; a staged one at 0 % counts). 404 for an unknown or unpublished slug, or no version.
 */
export async function servedVersions(db: Db, slug: string): Promise<{ endpoint: CallTarget['endpoint']; mainId: string; canaryId: string | null; canaryPercent: number }> {
  const row = await routingRow(db, slug);
  if (!row) throw new ServiceError('NOT_FOUND', `no endpoint is published at "${slug}": check the slug (GET /api/v1/openai/models lists the endpoints your key may call)`);
  if (!row.enabled) throw new ServiceError('NOT_FOUND', `endpoint "${slug}" is unpublished: republish it on its page in the editor to serve calls again`);
  const mainId = row.versionId ?? row.latestVersionId;
  if (!mainId) throw new ServiceError('NOT_FOUND', `endpoint "${slug}" has no version to serve: save a version of its graph`);
  return { endpoint: { id: row.id, slug: row.slug, graphId: row.graphId }, mainId, canaryId: row.canaryVersionId, canaryPercent: row.canaryPercent };
}

export async function resolveTarget(db: Db, slug: string): Promise<CallTarget> {
  const { endpoint, mainId, canaryId, canaryPercent } = await servedVersions(db, slug);
  const canary = canaryId !== null && canaryPercent > 0 && pickCanary(cacheOf(db), endpoint.id, canaryPercent);
  const version = await versionById(db, canary ? canaryId : mainId);
  return {
    endpoint,
    version: { id: version.id, number: version.number, spec: version.spec },
    canary,
    capabilities: version.capabilities,
  };
}

/**
 * The canary share as a low-discrepancy sequence (fractional parts of n·φ) rather than coin flips: over
 * any run of calls the canary gets its percentage to within a call or two, not ±√n.
 */
function pickCanary(state: RoutingCache, endpointId: string, percent: number): boolean {
  const n = (state.counters.get(endpointId) ?? 0) + 1;
  state.counters.set(endpointId, n % 1_000_000_007);
  const x = (n * 0.6180339887498949) % 1;
  return x < percent / 100;
}

async function routingRow(db: Db, slug: string): Promise<RoutingRow | null> {
  const state = cacheOf(db);
  const cached = state.rows.get(slug);
  if (cached && cached.expires > Date.now()) return cached.row;
  const [found] = await db.sql.query<RoutingRow>(
    `SELECT e.id, e.slug, e.graph_id AS "graphId", e.enabled, e.version_id AS "versionId",
            e.canary_version_id AS "canaryVersionId", e.canary_percent AS "canaryPercent",
            (SELECT v.id FROM graph_version v WHERE v.graph_id = e.graph_id ORDER BY v.number DESC LIMIT 1) AS "latestVersionId"
       FROM endpoint e WHERE e.slug = $1`,
    [slug],
  );
  const row = found ?? null;
  if (state.rows.size > 10_000) state.rows.clear();
  state.rows.set(slug, { row, expires: Date.now() + ROUTING_TTL_MS });
  return row;
}

/**
 * Every enabled endpoint with what its served version (pinned, else the latest) can do, or null when
 * it has none or it no longer compiles (still listed: calls to it explain the problem). Versions come
 * from the same cache as calls, so listing reads one row per endpoint, never every spec.
 */
export async function servedEndpoints(db: Db): Promise<{ id: string; slug: string; description: string; createdAt: Date; capabilities: Capabilities | null }[]> {
  const rows = await db.prisma.endpoint.findMany({
    where: { enabled: true },
    orderBy: { slug: 'asc' },
    select: { id: true, slug: true, description: true, createdAt: true, versionId: true, graph: { select: { versions: { orderBy: { number: 'desc' }, take: 1, select: { id: true } } } } },
  });
  return Promise.all(
    rows.map(async ({ graph, versionId, ...row }) => {
      const servedId = versionId ?? graph.versions[0]?.id;
      let capabilities: Capabilities | null = null;
      try {
        if (servedId) capabilities = (await versionById(db, servedId)).capabilities;
      } catch {
        capabilities = null;
      }
      return { ...row, capabilities };
    }),
  );
}

/**
 * What a served version takes and gives. One published while it compiled can stop compiling (a node
 * type this build lacks): the caller is not at fault, the endpoint is unavailable until republished.
 */
function servedCapabilities(version: { number: number; spec: GraphSpec }): Capabilities {
  try {
    return capabilitiesOf(version.spec);
  } catch (error) {
    if (!isGraphValidationError(error)) throw error;
    throw new ServiceError('UNAVAILABLE', `the endpoint serves version ${version.number}, which does not compile here (${error.message}): publish a version that does`);
  }
}

async function versionById(db: Db, id: string): Promise<CachedVersion> {
  const state = cacheOf(db);
  const cached = state.versions.get(id);
  if (cached) return cached;
  const [row] = await db.sql.query<{ id: string; number: number; spec: GraphSpec }>('SELECT id, number, spec FROM graph_version WHERE id = $1', [id]);
  if (!row) throw new ServiceError('NOT_FOUND', `version "${id}" no longer exists`);
  const version = { ...row, capabilities: servedCapabilities(row) };
  if (state.versions.size >= 512) state.versions.delete(state.versions.keys().next().value!);
  state.versions.set(id, version);
  return version;
}
