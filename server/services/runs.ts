import { catalog } from '../../nodes/catalog';
import type { GraphSpec } from '../../nodes/core/spec';
import { specUpTo } from '../../nodes/core/spec-up-to';
import type { Runner } from '../../runners/index';
import { MAX_ARTIFACT_MB, type Artifact } from '../../runners/run-store';
import type { Db } from '../db/client';
import type { Prisma, RunStatus } from '../db/generated/client';
import { notFound, ServiceError } from './errors';
import { getGraph } from './graphs';
import { getVersion } from './versions';
import { redactForView } from '../../runners/redact';

/** Where runs come from: the editor, published endpoints, collection uploads, evaluations, the CLI, tests. */
export const RUN_SOURCES = ['editor', 'api', 'upload', 'eval', 'cli', 'test'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

export interface StartRunInput {
  graphId: string;
  /** null runs the current draft (editor "Run"); a version id runs that immutable version. */
  versionId: string | null;
  input: Record<string, unknown>;
  source: RunSource;
  endpointId?: string;
  apiKeyPrefix?: string;
  /** "run up to here": only this node and what feeds it run, and the run returns its outputs (`specUpTo`). */
  upTo?: string;
}

export async function startRun(db: Db, runner: Runner, input: StartRunInput): Promise<{ runId: string }> {
  const graph = await getGraph(db, input.graphId);
  let spec: GraphSpec = graph.draft;
  if (input.versionId) {
    const version = await getVersion(db, input.versionId);
    if (version.graphId !== input.graphId) throw new ServiceError('BAD_REQUEST', 'that version belongs to another graph');
    spec = version.spec;
  }
  if (input.upTo !== undefined) {
    const part = specUpTo(spec, catalog, input.upTo);
    if ('error' in part) throw new ServiceError('BAD_REQUEST', `cannot run up to "${input.upTo}": ${part.error}`);
    spec = part.spec;
  }
  return runner.start({
    graphId: input.graphId,
    graphVersionId: input.versionId,
    spec,
    input: input.input,
    source: input.source,
    endpointId: input.endpointId,
    apiKeyPrefix: input.apiKeyPrefix,
  });
}

/**
 * A run's input run again, as it was stored (not as the run page shows it: TRACE_REDACT hides
 * fields from views, not from the run): on what it ran (its version, or the draft as it was then,
 * kept with the run), or with `on: 'draft'` on the graph's draft as it is now, to try a fix on
 * the input that failed. The new run comes from the editor, whoever started the first.
 */
export async function rerun(db: Db, runner: Runner, input: { runId: string; on: 'same' | 'draft' }): Promise<{ runId: string }> {
  const run = await db.prisma.run.findUnique({ where: { id: input.runId }, select: { graphId: true, graphVersionId: true, spec: true, input: true } });
  if (!run) throw notFound('run', input.runId);
  const again = { graphId: run.graphId, input: run.input as Record<string, unknown>, source: 'editor' as const };
  if (input.on === 'draft') return startRun(db, runner, { ...again, versionId: null });
  // a run keeps its spec when it is not its version's (a draft run, or a run up to one node)
  if (run.spec) return runner.start({ ...again, graphVersionId: run.graphVersionId, spec: run.spec as unknown as GraphSpec });
  if (run.graphVersionId) return startRun(db, runner, { ...again, versionId: run.graphVersionId });
  throw new ServiceError('BAD_REQUEST', 'this run did not keep the graph it ran: run its input on the current draft instead');
}

export interface RunFilters {
  graphId?: string;
  versionId?: string;
  endpointId?: string;
  status?: RunStatus;
  source?: RunSource;
  /** leave out one source (the run history leaves out evaluations unless asked) */
  excludeSource?: RunSource;
  since?: Date;
  until?: Date;
  cursor?: string;
  limit?: number;
}

export async function listRuns(db: Db, filters: RunFilters) {
  const limit = filters.limit ?? 50;
  const where: Prisma.RunWhereInput = {
    graphId: filters.graphId,
    graphVersionId: filters.versionId,
    endpointId: filters.endpointId,
    status: filters.status,
    source: filters.source ?? (filters.excludeSource ? { not: filters.excludeSource } : undefined),
    createdAt: filters.since || filters.until ? { gte: filters.since, lte: filters.until } : undefined,
  };
  const rows = await db.prisma.run.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(filters.cursor ? { cursor: { id: filters.cursor }, skip: 1 } : {}),
    include: {
      graph: { select: { name: true } },
      graphVersion: { select: { number: true } },
      endpoint: { select: { slug: true } },
    },
  });
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    graphId: r.graphId,
    graphName: r.graph.name,
    versionId: r.graphVersionId,
    versionNumber: r.graphVersion?.number ?? null,
    endpointId: r.endpointId,
    endpointSlug: r.endpoint?.slug ?? null,
    apiKeyPrefix: r.apiKeyPrefix,
    source: r.source,
    status: r.status,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    error: r.error as { code: string; message: string; nodeId?: string } | null,
  }));
  return { items, nextCursor: rows.length > limit ? rows[limit - 1]!.id : null };
}

export async function getRun(db: Db, id: string) {
  const run = await db.prisma.run.findUnique({
    where: { id },
    include: {
      graph: { select: { name: true } },
      graphVersion: { select: { number: true, spec: true } },
      endpoint: { select: { slug: true } },
      nodeRuns: { orderBy: [{ queuedAt: 'asc' }, { attempt: 'asc' }] },
    },
  });
  if (!run) throw notFound('run', id);
  const { graph, graphVersion, endpoint, nodeRuns, ...rest } = run;
  return {
    ...rest,
    graphName: graph.name,
    versionNumber: graphVersion?.number ?? null,
    /** the spec that ran (kept with the run: a draft run has no version) */
    spec: ((rest.spec ?? graphVersion?.spec) as unknown as GraphSpec | undefined) ?? null,
    endpointSlug: endpoint?.slug ?? null,
    nodeRuns,
  };
}

/**
 * The full output a node produced in a run (previews on NodeRun are capped), as the editor shows it:
 * TRACE_REDACT applied before an output too large to send whole is cut, so a cut never shows a
 * field the setting hides.
 */
export async function getNodeOutput(db: Db, runId: string, nodeId: string, maxBytes = 2_000_000) {
  const artifact = await db.prisma.runArtifact.findUnique({ where: { runId_nodeId: { runId, nodeId } } });
  if (!artifact) {
    throw new ServiceError(
      'NOT_FOUND',
      `node "${nodeId}" of run "${runId}" has no stored output: it did not finish, its output was over ${MAX_ARTIFACT_MB} MB, the run is older than ARTIFACT_RETENTION_DAYS (its trace and preview stay), or the run does not exist`,
    );
  }
  const stored = await withRunOutputFields(db, runId, artifact.data as unknown as Artifact, artifact.sizeBytes);
  const { sizeBytes } = stored;
  const data = redactForView(stored.data);
  if (sizeBytes > maxBytes) {
    return { truncated: true, sizeBytes, data: JSON.stringify(data).slice(0, maxBytes) };
  }
  return { truncated: false, sizeBytes, data };
}

/** An exit node's artifact that names its fields of the run output, with those fields filled in from it. */
async function withRunOutputFields(db: Db, runId: string, artifact: Artifact, sizeBytes: number): Promise<{ data: Artifact; sizeBytes: number }> {
  if (!artifact.runOutputFields) return { data: artifact, sizeBytes };
  const run = await db.prisma.run.findUnique({ where: { id: runId }, select: { output: true } });
  const output = (run?.output ?? {}) as Record<string, unknown>;
  const data: Artifact = { outputs: artifact.outputs, runOutput: Object.fromEntries(artifact.runOutputFields.map((field) => [field, output[field]])) };
  return { data, sizeBytes: Buffer.byteLength(JSON.stringify(data)) };
}
