import { z } from 'zod';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { getGraph } from './graphs';
import { notFound, ServiceError } from './errors';
import { uuid } from './spec-input';

/**
 * Evaluations tie retrieval quality to versions: each row is one version's scores on a set of judged
 * queries. `rag eval` records one when it evaluates a saved version; any other harness can record
 * through the API. The editor's history shows them beside each version, so two versions are compared
 * by what they retrieve as well as by their diff.
 */

/** Metrics the editor labels; a harness may record others under its own names. */
export const KNOWN_METRICS = ['ndcg10', 'recall100', 'mrr10'] as const;

// checked as a whole: zod reports a bad record key only as "Invalid key in record"
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_@.-]{0,39}$/;

export const evaluationInput = z.object({
  versionId: uuid,
  dataset: z.string().trim().min(1, 'name the dataset (e.g. "scifact train")').max(200, 'dataset names are at most 200 characters'),
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
});
export type EvaluationInput = z.input<typeof evaluationInput>;

const row = {
  id: true,
  graphVersionId: true,
  dataset: true,
  collection: true,
  queries: true,
  failed: true,
  metrics: true,
  settings: true,
  createdBy: true,
  createdAt: true,
  version: { select: { number: true } },
} satisfies Prisma.EvaluationSelect;

export interface EvaluationSummary {
  id: string;
  graphVersionId: string;
  versionNumber: number;
  dataset: string;
  collection: string;
  queries: number;
  failed: number;
  metrics: Record<string, number>;
  settings: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
}

function summarize(r: Prisma.EvaluationGetPayload<{ select: typeof row }>): EvaluationSummary {
  const { version, metrics, settings, ...rest } = r;
  return { ...rest, versionNumber: version.number, metrics: metrics as Record<string, number>, settings: settings as Record<string, unknown> };
}

export async function recordEvaluation(db: Db, raw: EvaluationInput & { createdBy?: string }): Promise<EvaluationSummary> {
  const parsed = evaluationInput.safeParse(raw);
  if (!parsed.success) {
    throw new ServiceError('BAD_REQUEST', `the evaluation is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  const input = parsed.data;
  if (input.failed > input.queries) throw new ServiceError('BAD_REQUEST', `failed (${input.failed}) cannot exceed queries (${input.queries})`);
  const version = await db.prisma.graphVersion.findUnique({ where: { id: input.versionId }, select: { id: true } });
  if (!version) throw notFound('version', input.versionId);
  const created = await db.prisma.evaluation.create({
    data: {
      graphVersionId: input.versionId,
      dataset: input.dataset,
      collection: input.collection,
      queries: input.queries,
      failed: input.failed,
      metrics: input.metrics,
      settings: input.settings,
      createdBy: raw.createdBy ?? 'local',
    },
    select: row,
  });
  return summarize(created);
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
