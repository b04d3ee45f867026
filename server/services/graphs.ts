import { z } from 'zod';
import { emptySpec, type GraphSpec } from '../../nodes/core/spec';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { isUniqueViolation, notFound, ServiceError } from './errors';
import { graphName, parseSpec } from './spec-input';

export type GraphKind = 'ingestion' | 'query' | 'other';

/** What the graph does, read from its entry nodes: shown in lists and used to pick endpoints. */
export function graphKind(spec: GraphSpec): GraphKind {
  if (ingestionSources(spec).length > 0) return 'ingestion';
  return spec.nodes.some((n) => n.type === 'io.query-input') ? 'query' : 'other';
}

/** What an ingestion graph reads: uploaded files (a File input), web pages (a Web pages node), or both. */
export type IngestionSource = 'files' | 'web';

export function ingestionSources(spec: GraphSpec): IngestionSource[] {
  const types = new Set(spec.nodes.map((n) => n.type));
  return [...(types.has('io.file-input') ? ['files' as const] : []), ...(types.has('io.web-input') ? ['web' as const] : [])];
}

const latestVersionSelect = {
  orderBy: { number: 'desc' },
  take: 1,
  select: { id: true, number: true, message: true, createdAt: true, specHash: true },
} satisfies Prisma.Graph$versionsArgs;

export async function listGraphs(db: Db, options: { search?: string; limit?: number } = {}) {
  const rows = await db.prisma.graph.findMany({
    where: options.search ? { name: { contains: options.search, mode: 'insensitive' } } : undefined,
    orderBy: { updatedAt: 'desc' },
    take: options.limit ?? 200,
    include: { versions: latestVersionSelect, _count: { select: { versions: true, runs: true } } },
  });
  return rows.map(({ versions, _count, draft, ...graph }) => ({
    ...graph,
    kind: graphKind(draft as GraphSpec),
    sources: ingestionSources(draft as GraphSpec),
    nodeCount: (draft as GraphSpec).nodes.length,
    latestVersion: versions[0] ?? null,
    versionCount: _count.versions,
    runCount: _count.runs,
  }));
}

export async function getGraph(db: Db, id: string) {
  const graph = await db.prisma.graph.findUnique({ where: { id }, include: { versions: latestVersionSelect } });
  if (!graph) throw notFound('graph', id);
  const { versions, ...rest } = graph;
  return { ...rest, draft: graph.draft as GraphSpec, kind: graphKind(graph.draft as GraphSpec), latestVersion: versions[0] ?? null };
}

export async function getGraphByName(db: Db, name: string) {
  const graph = await db.prisma.graph.findUnique({ where: { name }, select: { id: true } });
  if (!graph) throw notFound('graph', name);
  return getGraph(db, graph.id);
}

export async function createGraph(db: Db, input: { name: string; description?: string; spec?: unknown }) {
  const spec = input.spec === undefined ? emptySpec() : parseSpec(input.spec);
  try {
    return await db.prisma.graph.create({
      data: { name: input.name, description: input.description ?? '', draft: spec as unknown as Prisma.InputJsonValue },
      select: { id: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw graphNameTaken(input.name);
    throw error;
  }
}

export function graphNameTaken(name: string | undefined): ServiceError {
  return new ServiceError('CONFLICT', `a graph named "${name}" already exists: choose another name`);
}

export async function updateGraph(db: Db, input: { id: string; name?: string; description?: string }) {
  await getGraph(db, input.id);
  try {
    return await db.prisma.graph.update({
      where: { id: input.id },
      data: { name: input.name, description: input.description },
      select: { id: true, name: true, description: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw graphNameTaken(input.name);
    throw error;
  }
}

/**
 * Deletes a graph with its versions, runs and endpoints (the editor's dialog says so), but not while
 * any of its runs is queued or running: those would vanish under their callers and workers. The
 * check and the delete are one statement.
 */
export async function deleteGraph(db: Db, id: string): Promise<{ id: string }> {
  // one round trip: the count of its unfinished runs, and the delete that happens only when it is 0
  const [outcome] = await db.sql.query<{ unfinished: number; deleted: number }>(
    `WITH unfinished AS (SELECT count(*)::int AS n FROM run WHERE graph_id = $1 AND status IN ('queued', 'running')),
          deleted AS (DELETE FROM graph WHERE id = $1 AND (SELECT n FROM unfinished) = 0 RETURNING id)
     SELECT (SELECT n FROM unfinished) AS unfinished, (SELECT count(*)::int FROM deleted) AS deleted`,
    [id],
  );
  const { unfinished, deleted } = outcome!;
  if (deleted > 0) return { id };
  if (unfinished === 0) throw notFound('graph', id);
  const one = unfinished === 1;
  throw new ServiceError('CONFLICT', `${one ? '1 run' : `${unfinished} runs`} of this graph ${one ? 'is' : 'are'} still queued or running: cancel ${one ? 'it' : 'them'} under Runs, or wait, then delete the graph`);
}

/** Autosave of the editor's working copy. Only the structure is checked: a draft may be incomplete. */
export async function saveDraft(db: Db, input: { id: string; spec: unknown }) {
  const spec = parseSpec(input.spec);
  const updated = await db.prisma.graph.updateMany({
    where: { id: input.id },
    data: { draft: spec as unknown as Prisma.InputJsonValue, draftUpdatedAt: new Date() },
  });
  if (updated.count === 0) throw notFound('graph', input.id);
  return { id: input.id, draftUpdatedAt: new Date() };
}

export async function duplicateGraph(db: Db, input: { id: string; name: string }) {
  const source = await getGraph(db, input.id);
  return createGraph(db, { name: input.name, description: source.description, spec: source.draft });
}

export const GRAPH_EXPORT_FORMAT = 'ragraph.graph';

export const graphExport = z.object({
  format: z.literal(GRAPH_EXPORT_FORMAT, { message: `not a graph export (expected "format": "${GRAPH_EXPORT_FORMAT}")` }),
  formatVersion: z.literal(1, { message: 'unsupported export formatVersion (supported: 1)' }),
  name: graphName,
  description: z.string().max(2000).default(''),
  spec: z.unknown(),
  versions: z
    .array(
      z.object({
        number: z.number().int().positive().max(2_147_483_647, 'a version number is at most 2147483647'),
        message: z.string().max(2000).default(''),
        spec: z.unknown(),
        // years 1–9999 (what Postgres timestamps hold), with an offset as exports write them
        createdAt: z.iso
          .datetime({ offset: true, error: 'expected an ISO 8601 date and time, such as 2026-11-27T09:00:00.000Z' })
          .refine((text) => Number(text.slice(0, 4)) >= 1, 'a version cannot be older than the year 1')
          .optional(),
      }),
    )
    .max(10_000)
    .default([]),
});
export type GraphExport = z.infer<typeof graphExport>;

export async function exportGraph(db: Db, id: string): Promise<GraphExport> {
  const graph = await getGraph(db, id);
  const versions = await db.prisma.graphVersion.findMany({ where: { graphId: id }, orderBy: { number: 'asc' } });
  return {
    format: GRAPH_EXPORT_FORMAT,
    formatVersion: 1,
    name: graph.name,
    description: graph.description,
    spec: graph.draft,
    versions: versions.map((v) => ({ number: v.number, message: v.message, spec: v.spec, createdAt: v.createdAt.toISOString() })),
  };
}
