import { catalog } from '../../nodes/catalog';
import { diffSpecs, type SpecDiff } from '../../nodes/core/diff';
import type { GraphSpec } from '../../nodes/core/spec';
import { specHash } from '../../nodes/core/spec-hash';
import { validateGraph } from '../../nodes/core/validate';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { isUniqueViolation, notFound, ServiceError } from './errors';
import { getGraph } from './graphs';
import { parseSpec } from './spec-input';

const summary = {
  id: true,
  graphId: true,
  number: true,
  parentVersionId: true,
  specHash: true,
  message: true,
  createdBy: true,
  createdAt: true,
} satisfies Prisma.GraphVersionSelect;

export interface SaveVersionInput {
  graphId: string;
  /** the version the caller's edit started from; null for the first version. */
  baseVersionId: string | null;
  /** defaults to the graph's draft */
  spec?: unknown;
  message?: string;
  createdBy?: string;
}

/**
 * Saves an immutable version. The caller names the version its edit was based on; if another save
 * landed since, that is a CONFLICT (never an overwrite). Two saves racing on the same base both pass
 * the check, but only one can take the next number: the unique (graph, number) index decides.
 */
export async function saveVersion(db: Db, input: SaveVersionInput) {
  const graph = await getGraph(db, input.graphId);
  const spec = input.spec === undefined ? graph.draft : parseSpec(input.spec);
  assertRunnable(spec);
  const latest = graph.latestVersion;
  if ((latest?.id ?? null) !== input.baseVersionId) {
    throw conflict(latest, input.baseVersionId);
  }
  try {
    const version = await db.prisma.graphVersion.create({
      data: {
        graphId: input.graphId,
        number: (latest?.number ?? 0) + 1,
        parentVersionId: input.baseVersionId,
        spec: spec as unknown as Prisma.InputJsonValue,
        specHash: specHash(spec),
        message: input.message ?? '',
        createdBy: input.createdBy ?? 'local',
      },
      select: summary,
    });
    await db.prisma.graph.update({ where: { id: input.graphId }, data: { updatedAt: new Date() } });
    return version;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const now = await getGraph(db, input.graphId);
    throw conflict(now.latestVersion, input.baseVersionId);
  }
}

function conflict(latest: { id: string; number: number } | null, base: string | null): ServiceError {
  return new ServiceError(
    'CONFLICT',
    latest
      ? `version ${latest.number} was saved since your edit began${base ? '' : ' (you started from no version)'}: review it, then save on top of it`
      : 'the base version you named is not the latest (the graph has no versions yet)',
    { latestVersionId: latest?.id ?? null, latestNumber: latest?.number ?? null },
  );
}

function assertRunnable(spec: GraphSpec): void {
  const result = validateGraph(spec, catalog);
  if (!result.ok) {
    throw new ServiceError('BAD_REQUEST', `the graph is not valid: ${result.issues.map((i) => i.message).join('; ')}`, { issues: result.issues });
  }
}

export async function listVersions(db: Db, graphId: string) {
  await getGraph(db, graphId);
  return db.prisma.graphVersion.findMany({ where: { graphId }, orderBy: { number: 'desc' }, select: summary });
}

export async function getVersion(db: Db, id: string) {
  const version = await db.prisma.graphVersion.findUnique({ where: { id } });
  if (!version) throw notFound('version', id);
  return { ...version, spec: version.spec as unknown as GraphSpec };
}

export async function getVersionByNumber(db: Db, graphId: string, number: number) {
  const version = await db.prisma.graphVersion.findUnique({ where: { graphId_number: { graphId, number } } });
  if (!version) throw new ServiceError('NOT_FOUND', `the graph has no version ${number}`);
  return { ...version, spec: version.spec as unknown as GraphSpec };
}

/** Diff between two versions, or between a version and the graph's current draft (`to: 'draft'`). */
export async function diffVersions(db: Db, input: { fromVersionId: string; to: string | 'draft' }): Promise<SpecDiff & { fromNumber: number; toNumber: number | null }> {
  const from = await getVersion(db, input.fromVersionId);
  if (input.to === 'draft') {
    const graph = await getGraph(db, from.graphId);
    return { ...diffSpecs(from.spec, graph.draft), fromNumber: from.number, toNumber: null };
  }
  const to = await getVersion(db, input.to);
  if (to.graphId !== from.graphId) throw new ServiceError('BAD_REQUEST', 'the two versions belong to different graphs');
  return { ...diffSpecs(from.spec, to.spec), fromNumber: from.number, toNumber: to.number };
}

/**
 * Restoring never rewrites history: it saves a new version whose spec equals the old one (based on
 * the current latest, with the usual conflict check) and makes it the draft.
 */
export async function restoreVersion(db: Db, input: { versionId: string; baseVersionId: string | null; message?: string; createdBy?: string }) {
  const old = await getVersion(db, input.versionId);
  const version = await saveVersion(db, {
    graphId: old.graphId,
    baseVersionId: input.baseVersionId,
    spec: old.spec,
    message: input.message ?? `Restore version ${old.number}`,
    createdBy: input.createdBy,
  });
  await db.prisma.graph.update({ where: { id: old.graphId }, data: { draft: old.spec as unknown as Prisma.InputJsonValue, draftUpdatedAt: new Date() } });
  return version;
}
