import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { finish, STALE_AFTER_MS } from '../evaluation/evaluate-version';
import type { Qrels, QueryResult } from '../evaluation/metrics';
import { abortEvaluation, launchEvaluation } from '../evaluation/jobs';
import { nearestOlder } from '../evaluation/nearest-older';
import { rankingNodes } from '../evaluation/ranking';
import { datasetName, loadJudgedQueries } from './datasets';
import { pointedAt } from './collection-graph';
import { getGraph } from './graphs';
import { isUniqueViolation, notFound, parseOrBadRequest, ServiceError } from './errors';
import { uuid } from './spec-input';
import { getVersion } from './versions';
import { EVALUATION_DEPTH } from '../../nodes/io/query-input/top-k';

/**
 * Evaluations tie retrieval quality to versions: each row is one version's scores on a set of judged
 * queries. The editor starts one (every judged query becomes a run of the version, server/evaluation/);
 * `rag eval` records one when it evaluates a saved version; any other harness can record through the
 * API. The editor's history shows them beside each version, so two versions are compared by what they
 * retrieve as well as by their diff.
 */

/** The most per-query lines an evaluation keeps. */
const MAX_RECORDED_QUERIES = 20_000;

// checked as a whole: zod reports a bad record key only as "Invalid key in record"
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_@.-]{0,39}$/;

export const evaluationInput = z.object({
  versionId: uuid,
  /** the name the scores are compared under; a stored dataset's own name when datasetId is given */
  dataset: datasetName.optional(),
  /** the stored dataset the queries came from: the evaluation then appears on its page */
  datasetId: uuid.optional(),
  collection: z.string().max(200, 'collection names are at most 200 characters').default(''),
  queries: z.number().int().min(1, 'an evaluation scores at least one query').max(10_000_000),
  failed: z.number().int().min(0).default(0),
  metrics: z
    .record(z.string(), z.number().finite('metric values must be finite numbers'))
    .refine((m) => Object.keys(m).length > 0, 'give at least one metric, e.g. {"ndcg10": 0.69}')
    .refine((m) => Object.keys(m).length <= 20, 'at most 20 metrics per evaluation')
    .superRefine((m, ctx) => {
      for (const name of Object.keys(m)) {
        if (!METRIC_NAME.test(name)) ctx.addIssue({ code: 'custom', message: `"${name.slice(0, 60)}" is not a metric name: use up to 40 letters, digits and _ @ . - starting with a letter (e.g. ndcg10)` });
      }
    }),
  settings: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).default({}),
  /** each query's scores, for the per-query view (optional) */
  perQuery: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        text: z.string().max(300).default(''),
        runId: uuid.nullable().default(null),
        ndcg10: z.number().finite(),
        recall100: z.number().finite(),
        mrr10: z.number().finite(),
        failed: z.boolean().optional(),
      }),
    )
    .max(MAX_RECORDED_QUERIES, `at most ${MAX_RECORDED_QUERIES.toLocaleString('en')} per-query lines`)
    .default([]),
});
export type EvaluationInput = z.input<typeof evaluationInput>;

const row = {
  id: true,
  graphVersionId: true,
  dataset: true,
  datasetId: true,
  collection: true,
  queries: true,
  failed: true,
  status: true,
  done: true,
  error: true,
  metrics: true,
  settings: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  version: { select: { number: true } },
} satisfies Prisma.EvaluationSelect;

export interface EvaluationSummary {
  id: string;
  graphVersionId: string;
  versionNumber: number;
  dataset: string;
  /** the stored dataset it ran on (null: recorded from files, or the dataset was deleted) */
  datasetId: string | null;
  collection: string;
  queries: number;
  failed: number;
  status: EvaluationStatus;
  /** queries scored so far */
  done: number;
  error: string | null;
  metrics: Record<string, number>;
  settings: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type EvaluationStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * A running evaluation whose job has not written for STALE_AFTER_MS lost its process (the job writes
 * every second, whether or not a query finished): it is shown as failed, interrupted, until a web
 * process resumes it (one on a stored dataset) from the queries it had scored.
 */
const INTERRUPTED = 'interrupted: the process running it stopped before every query ran; start the evaluation again';
const INTERRUPTED_RESUMABLE = 'interrupted: the process running it stopped; a running server resumes it within a minute, from the queries already scored';

function summarize(r: Prisma.EvaluationGetPayload<{ select: typeof row }>): EvaluationSummary {
  const { version, metrics, settings, status, ...rest } = r;
  const interrupted = status === 'running' && Date.now() - r.updatedAt.getTime() > STALE_AFTER_MS;
  return {
    ...rest,
    ...(interrupted ? { status: 'failed' as const, error: r.datasetId ? INTERRUPTED_RESUMABLE : INTERRUPTED } : { status: status as EvaluationStatus }),
    versionNumber: version.number,
    metrics: metrics as Record<string, number>,
    settings: settings as Record<string, unknown>,
  };
}

export async function recordEvaluation(db: Db, raw: EvaluationInput & { createdBy?: string }): Promise<EvaluationSummary> {
  const input = parseOrBadRequest(evaluationInput, raw, 'the evaluation is not valid');
  if (input.failed > input.queries) throw new ServiceError('BAD_REQUEST', `failed (${input.failed}) cannot exceed queries (${input.queries})`);
  const version = await db.prisma.graphVersion.findUnique({ where: { id: input.versionId }, select: { id: true } });
  if (!version) throw notFound('version', input.versionId);
  const stored = input.datasetId ? await db.prisma.dataset.findUnique({ where: { id: input.datasetId }, select: { name: true } }) : null;
  if (input.datasetId && !stored) throw notFound('dataset', input.datasetId);
  const dataset = stored?.name ?? input.dataset;
  if (!dataset) throw new ServiceError('BAD_REQUEST', 'dataset: name the dataset (e.g. "scifact train"), or give the datasetId of a stored one');
  const created = await db.prisma.evaluation.create({
    data: {
      graphVersionId: input.versionId,
      dataset,
      datasetId: input.datasetId ?? null,
      collection: input.collection,
      queries: input.queries,
      failed: input.failed,
      done: input.queries,
      metrics: input.metrics,
      settings: input.settings,
      perQuery: input.perQuery,
      createdBy: raw.createdBy ?? 'local',
    },
    select: row,
  });
  return summarize(created);
}

/** One evaluation with its per-query lines (what the details view shows). */
export async function getEvaluation(db: Db, id: string): Promise<EvaluationSummary & { perQuery: QueryResult[] }> {
  const found = await db.prisma.evaluation.findUnique({ where: { id }, select: { ...row, perQuery: true } });
  if (!found) throw notFound('evaluation', id);
  const { perQuery, ...rest } = found;
  return { ...summarize(rest), perQuery: perQuery as unknown as QueryResult[] };
}

/** One evaluation without its per-query lines, with the graph it belongs to (the public API's view). */
export async function getEvaluationSummary(db: Db, id: string): Promise<EvaluationSummary & { graphId: string }> {
  const found = await db.prisma.evaluation.findUnique({ where: { id }, select: { ...row, version: { select: { number: true, graphId: true } } } });
  if (!found) throw notFound('evaluation', id);
  return { ...summarize(found), graphId: found.version.graphId };
}

/** A graph's evaluations, newest first (the last 500). */
export async function listEvaluations(db: Db, graphId: string): Promise<EvaluationSummary[]> {
  await getGraph(db, graphId);
  const rows = await db.prisma.evaluation.findMany({
    where: { version: { graphId } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
    select: row,
  });
  return rows.map(summarize);
}

export async function deleteEvaluation(db: Db, id: string): Promise<{ id: string }> {
  const deleted = await db.prisma.evaluation.deleteMany({ where: { id } });
  if (deleted.count === 0) throw notFound('evaluation', id);
  return { id };
}

export const startEvaluationInput = z.object({
  versionId: uuid,
  datasetId: uuid,
  depth: z.number().int().min(EVALUATION_DEPTH.min, `depth is at least ${EVALUATION_DEPTH.min}`).max(EVALUATION_DEPTH.max, `depth is at most ${EVALUATION_DEPTH.max}`).default(EVALUATION_DEPTH.default),
  /** search this collection instead of the ones the version's retrievers name (the corpus the judgements are about may live elsewhere) */
  collection: z.string().min(1).max(128).optional(),
});
export type StartEvaluationInput = z.input<typeof startEvaluationInput>;

/**
 * Starts scoring a version on a stored dataset in the background and returns the running
 * evaluation; its progress and scores appear in `listEvaluations`. Refused up front when the version
 * has nothing to score or its collections hold none of the judged documents (every score would be 0).
 */
export async function startEvaluation(db: Db, runner: Runner, raw: StartEvaluationInput & { createdBy?: string }): Promise<EvaluationSummary> {
  const input = parseOrBadRequest(startEvaluationInput, raw);
  const version = await getVersion(db, input.versionId);
  const graph = compileGraph(version.spec, catalog);
  if (rankingNodes(graph).length === 0) {
    throw new ServiceError('BAD_REQUEST', `version ${version.number} has no node that returns a ranking (a retriever or reranker): there is nothing to score`);
  }
  const dataset = await loadJudgedQueries(db, input.datasetId);
  const spec = input.collection ? pointedAt(version.spec, input.collection, (await getGraph(db, version.graphId)).name, 'query') : version.spec;
  const collections = retrieverCollections(spec);
  await checkCoverage(db, dataset.qrels, collections);
  const created = await db.prisma.evaluation
    .create({
      data: {
        graphVersionId: version.id,
        dataset: dataset.name,
        datasetId: input.datasetId,
        collection: collections.join(', ').slice(0, 200),
        queries: dataset.queries.length,
        status: 'running',
        settings: { depth: input.depth, ...(input.collection && { collection: input.collection }) },
        createdBy: raw.createdBy ?? 'local',
      },
      select: row,
    })
    .catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      throw await alreadyRunning(db, version, dataset.name, input.datasetId);
    });
  launchEvaluation(db, runner, { evaluationId: created.id, version: { ...version, spec }, dataset, depth: input.depth });
  return summarize(created);
}

/**
 * The refusal of a second evaluation of a version on a dataset while one runs (the database's
 * evaluation_one_running_idx holds the rule): it names the running one's progress, so the user knows
 * whether to wait or cancel it.
 */
async function alreadyRunning(db: Db, version: { id: string; number: number }, name: string, datasetId: string): Promise<ServiceError> {
  const running = await db.prisma.evaluation.findFirst({ where: { graphVersionId: version.id, datasetId, status: 'running' }, select: { done: true, queries: true } });
  const progress = running ? ` (${running.done} of ${running.queries} queries scored)` : '';
  return new ServiceError('CONFLICT', `version ${version.number} is already being evaluated on "${name}"${progress}: wait for that evaluation to finish, or cancel it in the graph's History`);
}

/** How many of the judged documents the coverage check looks up (a bounded query). */
const COVERAGE_SAMPLE = 5000;

/**
 * Refuses an evaluation whose retrievers' collections hold none of the documents the judgements call
 * relevant: the wrong collection, or a corpus ingested under other ids, would score 0 on every query.
 */
async function checkCoverage(db: Db, qrels: Qrels, collections: string[]): Promise<void> {
  if (collections.length === 0) return; // no retriever names its collection: nothing to check against
  const relevant = [...new Set([...qrels.values()].flatMap((judged) => [...judged].filter(([, grade]) => grade > 0).map(([id]) => id)))].slice(0, COVERAGE_SAMPLE);
  const found = await db.prisma.document.count({ where: { collection: { name: { in: collections } }, sourceId: { in: relevant } } });
  if (found > 0) return;
  const where = collections.map((c) => `"${c}"`).join(', ');
  const existing = await db.prisma.collection.count({ where: { name: { in: collections } } });
  if (existing === 0) throw new ServiceError('BAD_REQUEST', `collection ${where} does not exist: ingest the corpus the judgements name first (Collections → upload)`);
  throw new ServiceError(
    'BAD_REQUEST',
    `none of the documents the judgements call relevant (e.g. ${relevant.slice(0, 3).join(', ')}) is in collection ${where}, so every score would be 0: ingest that corpus there with the judgements' corpus ids as source ids (file names for uploads, _id for BEIR corpora)`,
  );
}

/** The collections a version's retrievers search (none when no retriever names one). */
function retrieverCollections(spec: { nodes: { type: string; config: Record<string, unknown> }[] }): string[] {
  const names = spec.nodes.filter((n) => n.type.startsWith('retrieve.') && typeof n.config.collection === 'string').map((n) => n.config.collection as string);
  return [...new Set(names)];
}

/** Stops a running evaluation (its job cancels the runs in flight); the queries already run keep their runs, and no scores are recorded. */
export async function cancelEvaluation(db: Db, id: string): Promise<EvaluationSummary> {
  const ended = await finish(db, id, { status: 'cancelled' });
  abortEvaluation(id);
  const current = await db.prisma.evaluation.findUnique({ where: { id }, select: row });
  if (!current) throw notFound('evaluation', id);
  if (!ended) throw new ServiceError('CONFLICT', `the evaluation has already ended (${current.status})`);
  return summarize(current);
}

/** The scores a version is compared with (nearestOlder), as its graph's History shows them. */
export async function olderVersionScores(db: Db, at: { versionId: string; dataset: string; collection: string }): Promise<{ version: number; metrics: Record<string, number> } | null> {
  const version = await getVersion(db, at.versionId);
  const older = nearestOlder(await listEvaluations(db, version.graphId), { versionNumber: version.number, dataset: at.dataset, collection: at.collection });
  return older ? { version: older.versionNumber, metrics: older.metrics } : null;
}
