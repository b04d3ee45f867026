import { z } from 'zod';
import type { GraphSpec } from '../../nodes/core/spec';
import type { Db } from '../db/client';
import { isUniqueViolation, notFound, ServiceError } from './errors';
import { capabilitiesOf, capabilitiesOrNull } from './public-capabilities';
import { forgetRouting } from './public-routing';

/**
 * Published endpoints: a slug that serves saved versions of one graph. Routing is a main version
 * (pinned, or null = follow the graph's latest version) plus an optional canary version taking a
 * percentage of calls. Every routing change is recorded as an EndpointRevision, so a rollback restores
 * the previous routing in one step. Drafts are never served.
 */
export const endpointSlug = z
  .string()
  .trim()
  .min(1, 'an endpoint needs a slug')
  .max(63, 'slugs are at most 63 characters')
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'slugs use lowercase letters, digits and "-", starting with a letter or digit');

export interface Routing {
  /** null: follow the graph's latest version */
  versionId: string | null;
  canaryVersionId: string | null;
  /** share of calls (0–100) the canary version takes */
  canaryPercent: number;
}

export interface PublishInput extends Partial<Routing> {
  graphId: string;
  slug: string;
  description?: string;
}

export async function publishEndpoint(db: Db, input: PublishInput) {
  const slug = parseSlug(input.slug);
  const routing = await checkRouting(db, input.graphId, {
    versionId: input.versionId ?? null,
    canaryVersionId: input.canaryVersionId ?? null,
    canaryPercent: input.canaryPercent ?? 0,
  });
  try {
    const endpoint = await db.prisma.endpoint.create({
      data: { slug, graphId: input.graphId, description: input.description ?? '', ...routing },
      select: { id: true },
    });
    await recordRevision(db, endpoint.id, routing, `published: ${await describeRouting(db, routing)}`);
    forgetRouting(db, slug);
    return getEndpoint(db, endpoint.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', `an endpoint with the slug "${slug}" already exists: choose another slug, or change that endpoint's routing`);
    throw error;
  }
}

/** Points the endpoint at other versions (a new revision). */
export async function setRouting(db: Db, input: { id: string } & Partial<Routing>) {
  const current = await endpointRow(db, input.id);
  const routing = await checkRouting(db, current.graphId, {
    versionId: input.versionId === undefined ? current.versionId : input.versionId,
    canaryVersionId: input.canaryVersionId === undefined ? current.canaryVersionId : input.canaryVersionId,
    canaryPercent: input.canaryPercent ?? (input.canaryVersionId === null ? 0 : current.canaryPercent),
  });
  await db.prisma.endpoint.update({ where: { id: input.id }, data: routing });
  await recordRevision(db, input.id, routing, await describeRouting(db, routing));
  forgetRouting(db, current.slug);
  return getEndpoint(db, input.id);
}

/**
 * Undoes the newest routing change: that revision is marked reverted (kept for the record) and the
 * endpoint takes the routing of the newest revision before it. Repeated rollbacks walk further back.
 */
export async function rollbackEndpoint(db: Db, id: string) {
  const current = await endpointRow(db, id);
  const live = await db.prisma.endpointRevision.findMany({
    where: { endpointId: id, revertedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 2,
  });
  const [undone, previous] = live;
  if (!undone || !previous) {
    throw new ServiceError('CONFLICT', `endpoint "${current.slug}" has no earlier routing to roll back to: publish another version first`);
  }
  const routing: Routing = { versionId: previous.versionId, canaryVersionId: previous.canaryVersionId, canaryPercent: previous.canaryPercent };
  await db.prisma.$transaction([
    db.prisma.endpointRevision.update({ where: { id: undone.id }, data: { revertedAt: new Date() } }),
    db.prisma.endpoint.update({ where: { id }, data: routing }),
  ]);
  forgetRouting(db, current.slug);
  return getEndpoint(db, id);
}

/** Unpublished endpoints answer 404 but keep their slug, keys and history; `enabled: true` republishes. */
export async function setEnabled(db: Db, id: string, enabled: boolean) {
  const current = await endpointRow(db, id);
  await db.prisma.endpoint.update({ where: { id }, data: { enabled } });
  forgetRouting(db, current.slug);
  return getEndpoint(db, id);
}

export async function updateEndpoint(db: Db, input: { id: string; description?: string }) {
  await endpointRow(db, input.id);
  await db.prisma.endpoint.update({ where: { id: input.id }, data: { description: input.description } });
  return getEndpoint(db, input.id);
}

/** Deletes the endpoint; its runs stay in the history (their endpoint link becomes empty). */
export async function deleteEndpoint(db: Db, id: string) {
  const current = await endpointRow(db, id);
  await db.prisma.endpoint.delete({ where: { id } });
  forgetRouting(db, current.slug);
  return { id, slug: current.slug };
}

export async function listEndpoints(db: Db, filters: { graphId?: string } = {}) {
  const rows = await db.prisma.endpoint.findMany({
    where: { graphId: filters.graphId },
    orderBy: { slug: 'asc' },
    include: {
      graph: { select: { name: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { id: true, number: true, spec: true } } } },
      version: { select: { number: true, spec: true } },
      canaryVersion: { select: { number: true } },
      _count: { select: { runs: true } },
      runs: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
    },
  });
  return rows.map(({ graph, version, canaryVersion, _count, runs, ...row }) => {
    const latest = graph.versions[0];
    const served = (version?.spec ?? latest?.spec) as GraphSpec | undefined;
    return {
      ...row,
      graphName: graph.name,
      versionNumber: version?.number ?? null,
      latestVersionNumber: latest?.number ?? null,
      canaryVersionNumber: canaryVersion?.number ?? null,
      kind: capabilitiesOrNull(served)?.kind ?? ('other' as const),
      callCount: _count.runs,
      lastCalledAt: runs[0]?.createdAt ?? null,
    };
  });
}

export async function getEndpoint(db: Db, id: string) {
  const row = await db.prisma.endpoint.findUnique({
    where: { id },
    include: {
      graph: { select: { name: true } },
      version: { select: { id: true, number: true, spec: true } },
      canaryVersion: { select: { id: true, number: true } },
      history: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 50 },
    },
  });
  if (!row) throw notFound('endpoint', id);
  const latest = await db.prisma.graphVersion.findFirst({ where: { graphId: row.graphId }, orderBy: { number: 'desc' }, select: { id: true, number: true, spec: true } });
  const served = row.version ?? latest;
  const capabilities = capabilitiesOrNull(served?.spec as unknown as GraphSpec | undefined);
  const numbers = await versionNumbers(db, row.history.flatMap((r) => [r.versionId, r.canaryVersionId]));
  const { graph, version, canaryVersion, history, ...rest } = row;
  return {
    ...rest,
    graphName: graph.name,
    versionNumber: version?.number ?? null,
    latestVersion: latest ? { id: latest.id, number: latest.number } : null,
    /** the version most calls get right now */
    servedVersionNumber: served?.number ?? null,
    canaryVersionNumber: canaryVersion?.number ?? null,
    kind: capabilities?.kind ?? 'other',
    capabilities: capabilities && {
      chat: capabilities.chat !== null,
      embedder: capabilities.embedder !== null,
      ingestionCollections: capabilities.ingestion?.collections ?? [],
      webPages: capabilities.webPages !== null,
    },
    inputSchema: capabilities?.inputJsonSchema ?? null,
    outputSchema: capabilities?.outputJsonSchema ?? null,
    revisions: history.map((r) => ({
      id: r.id,
      note: r.note,
      versionNumber: r.versionId ? (numbers.get(r.versionId) ?? null) : null,
      canaryVersionNumber: r.canaryVersionId ? (numbers.get(r.canaryVersionId) ?? null) : null,
      canaryPercent: r.canaryPercent,
      createdAt: r.createdAt,
      revertedAt: r.revertedAt,
    })),
  };
}

export async function getEndpointBySlug(db: Db, slug: string) {
  const row = await db.prisma.endpoint.findUnique({ where: { slug }, select: { id: true } });
  if (!row) throw notFound('endpoint', slug);
  return getEndpoint(db, row.id);
}

/** The endpoint's own row (a cheap existence check; getEndpoint also reads its versions and history). */
export async function endpointRow(db: Db, id: string) {
  const row = await db.prisma.endpoint.findUnique({ where: { id } });
  if (!row) throw notFound('endpoint', id);
  return row;
}

function parseSlug(slug: string): string {
  const parsed = endpointSlug.safeParse(slug);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', `slug: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * Versions must exist, belong to the graph and be callable; a canary takes a share between 0 and 99.
 * At 0 it is staged: on the endpoint, serving no calls, and open to evaluation through the endpoint
 * (a key's pipeline scores it before any user meets it).
 */
async function checkRouting(db: Db, graphId: string, routing: Routing): Promise<Routing> {
  const graph = await db.prisma.graph.findUnique({ where: { id: graphId }, select: { id: true, _count: { select: { versions: true } } } });
  if (!graph) throw notFound('graph', graphId);
  if (graph._count.versions === 0) {
    throw new ServiceError('BAD_REQUEST', 'the graph has no saved version: endpoints serve saved versions, never drafts — save a version first');
  }
  for (const [field, versionId] of [
    ['versionId', routing.versionId],
    ['canaryVersionId', routing.canaryVersionId],
  ] as const) {
    if (!versionId) continue;
    const version = await db.prisma.graphVersion.findUnique({ where: { id: versionId }, select: { graphId: true, spec: true, number: true } });
    if (!version) throw new ServiceError('NOT_FOUND', `${field}: version "${versionId}" does not exist`);
    if (version.graphId !== graphId) throw new ServiceError('BAD_REQUEST', `${field}: that version belongs to another graph`);
    assertServable(version, `version ${version.number}`);
  }
  if (routing.versionId === null) {
    // following the latest: that one serves from now on (an imported version may not compile here)
    const latest = await db.prisma.graphVersion.findFirst({ where: { graphId }, orderBy: { number: 'desc' }, select: { spec: true, number: true } });
    assertServable(latest!, `the latest version (${latest!.number})`);
  }
  if (routing.canaryVersionId === null) {
    if (routing.canaryPercent !== 0) throw new ServiceError('BAD_REQUEST', 'canaryPercent: name a canaryVersionId to send a share of calls to, or set canaryPercent to 0');
    return routing;
  }
  if (!Number.isInteger(routing.canaryPercent) || routing.canaryPercent < 0 || routing.canaryPercent > 99) {
    throw new ServiceError('BAD_REQUEST', 'canaryPercent: a canary takes between 0 (staged: no calls yet) and 99 percent of calls (set canaryVersionId to null to stop it, or make it the main version)');
  }
  if (routing.canaryVersionId === routing.versionId) throw new ServiceError('BAD_REQUEST', 'canaryVersionId: the canary must be a different version from the main one');
  return routing;
}

function assertServable(version: { spec: unknown }, name: string): void {
  try {
    capabilitiesOf(version.spec as GraphSpec);
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', `${name} cannot be served: ${(error as Error).message}`);
  }
}

async function recordRevision(db: Db, endpointId: string, routing: Routing, note: string) {
  await db.prisma.endpointRevision.create({ data: { endpointId, ...routing, note: note.slice(0, 500) } });
}

async function describeRouting(db: Db, routing: Routing): Promise<string> {
  const numbers = await versionNumbers(db, [routing.versionId, routing.canaryVersionId]);
  const main = routing.versionId ? `v${numbers.get(routing.versionId)}` : 'latest version';
  if (!routing.canaryVersionId) return `all calls to ${main}`;
  if (routing.canaryPercent === 0) return `all calls to ${main}, canary v${numbers.get(routing.canaryVersionId)} staged (no calls)`;
  return `${100 - routing.canaryPercent}% to ${main}, ${routing.canaryPercent}% to canary v${numbers.get(routing.canaryVersionId)}`;
}

async function versionNumbers(db: Db, ids: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.prisma.graphVersion.findMany({ where: { id: { in: wanted } }, select: { id: true, number: true } });
  return new Map(rows.map((r) => [r.id, r.number]));
}
