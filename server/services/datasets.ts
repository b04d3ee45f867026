import { z } from 'zod';
import { REQUEST_LIMITS } from '../../nodes/core/request-limits';
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { readJudgedSet, type JudgedSet } from '../evaluation/judged-queries';
import type { Qrels } from '../evaluation/metrics';
import { isUniqueViolation, notFound, parseOrBadRequest, ServiceError } from './errors';
import type { EvaluationStatus } from './evaluations';

/**
 * Datasets are named sets of judged queries (BEIR's queries.jsonl and qrels .tsv), stored once and
 * evaluated against any version of any query graph. Its queries and judgements never change after it
 * is stored (only its name and description may), so every score on it stays comparable; its page
 * ranks every version scored on it.
 */

/** The most judged queries a dataset keeps: an evaluation runs each as a run of the version. */
export const MAX_DATASET_QUERIES = 5000;
/** Queries a dataset's page shows. */
const SAMPLE_SIZE = 20;

export const datasetName = z.string().trim().min(1, 'name the dataset (e.g. "scifact train")').max(200, 'dataset names are at most 200 characters');

export const createDatasetInput = z.object({
  name: datasetName,
  description: z.string().trim().max(1000, 'descriptions are at most 1,000 characters').default(''),
  queriesText: z.string().min(1, 'add the queries file (BEIR queries.jsonl: one {"_id", "text"} per line)').max(REQUEST_LIMITS.datasetFileChars, 'the queries file is over 4 MB'),
  qrelsText: z.string().min(1, 'add the judgements file (BEIR qrels .tsv: query-id, corpus-id, score)').max(REQUEST_LIMITS.datasetFileChars, 'the judgements file is over 4 MB'),
});
export type CreateDatasetInput = z.input<typeof createDatasetInput>;

export interface DatasetSummary {
  id: string;
  name: string;
  description: string;
  /** judged queries kept */
  queryCount: number;
  judgementCount: number;
  skipped: JudgedSet['skipped'];
  createdBy: string;
  createdAt: Date;
  evaluationCount: number;
  lastEvaluatedAt: Date | null;
}

/** One evaluation on a dataset, named by graph and version: a line of the dataset's ranking. */
export interface DatasetEvaluation {
  id: string;
  graphId: string;
  graphName: string;
  versionId: string;
  versionNumber: number;
  collection: string;
  status: EvaluationStatus;
  queries: number;
  /** queries scored so far (a running evaluation's progress) */
  done: number;
  failed: number;
  metrics: Record<string, number>;
  createdAt: Date;
}

export interface DatasetDetail extends DatasetSummary {
  /** the first queries, each with how many documents are judged relevant to it */
  sample: { id: string; text: string; relevant: number }[];
  /** every evaluation made on it, newest first (the last 500) */
  evaluations: DatasetEvaluation[];
}

const summaryRow = {
  id: true,
  name: true,
  description: true,
  queryCount: true,
  judgementCount: true,
  skipped: true,
  createdBy: true,
  createdAt: true,
  _count: { select: { evaluations: true } },
  evaluations: { select: { createdAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
} satisfies Prisma.DatasetSelect;

function summarize({ _count, evaluations, skipped, ...row }: Prisma.DatasetGetPayload<{ select: typeof summaryRow }>): DatasetSummary {
  return { ...row, skipped: skipped as unknown as JudgedSet['skipped'], evaluationCount: _count.evaluations, lastEvaluatedAt: evaluations[0]?.createdAt ?? null };
}

type StoredQrels = Record<string, Record<string, number>>;

/** Stores the judged queries of a pair of BEIR files under a new name. */
export async function createDataset(db: Db, raw: CreateDatasetInput & { createdBy?: string }): Promise<DatasetSummary> {
  const input = parseOrBadRequest(createDatasetInput, raw, 'the dataset is not valid');
  let set: JudgedSet;
  try {
    set = readJudgedSet(input.queriesText, input.qrelsText);
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', (error as Error).message);
  }
  if (set.queries.length > MAX_DATASET_QUERIES) {
    throw new ServiceError('BAD_REQUEST', `${set.queries.length.toLocaleString('en')} judged queries: a dataset keeps at most ${MAX_DATASET_QUERIES.toLocaleString('en')} (an evaluation runs each one); split the judgements`);
  }
  const qrels: StoredQrels = Object.fromEntries([...set.qrels].map(([id, judged]) => [id, Object.fromEntries(judged)]));
  try {
    const created = await db.prisma.dataset.create({
      data: {
        name: input.name,
        description: input.description,
        queryCount: set.queries.length,
        judgementCount: [...set.qrels.values()].reduce((sum, judged) => sum + judged.size, 0),
        queries: set.queries.map(([id, text]) => ({ id, text })),
        qrels,
        skipped: set.skipped,
        createdBy: raw.createdBy ?? 'local',
      },
      select: summaryRow,
    });
    return summarize(created);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', `a dataset named "${input.name}" already exists: choose another name, or delete it first (a dataset's queries never change once stored)`);
    throw error;
  }
}

export const updateDatasetInput = z.object({
  id: z.string().uuid(),
  name: datasetName.optional(),
  description: createDatasetInput.shape.description.unwrap().optional(),
});
export type UpdateDatasetInput = z.input<typeof updateDatasetInput>;

/**
 * Renames a dataset or changes its description; its judged queries never change. The name is also
 * the label each evaluation made on it carries (History groups and compares scores by it), so those
 * are relabelled in the same transaction: a rename never splits a dataset's history in two.
 */
export async function updateDataset(db: Db, raw: UpdateDatasetInput): Promise<DatasetSummary> {
  const input = parseOrBadRequest(updateDatasetInput, raw, 'the change is not valid');
  const current = await db.prisma.dataset.findUnique({ where: { id: input.id }, select: { name: true } });
  if (!current) throw notFound('dataset', input.id);
  const name = input.name ?? current.name;
  try {
    const [updated] = await db.prisma.$transaction([
      db.prisma.dataset.update({ where: { id: input.id }, data: { name, ...(input.description === undefined ? {} : { description: input.description }) }, select: summaryRow }),
      db.prisma.evaluation.updateMany({ where: { datasetId: input.id }, data: { dataset: name } }),
    ]);
    return summarize(updated);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', `a dataset named "${name}" already exists: choose another name`);
    throw error;
  }
}

export async function listDatasets(db: Db): Promise<DatasetSummary[]> {
  const rows = await db.prisma.dataset.findMany({ orderBy: { name: 'asc' }, select: summaryRow });
  return rows.map(summarize);
}

export async function getDataset(db: Db, id: string): Promise<DatasetDetail> {
  const row = await db.prisma.dataset.findUnique({ where: { id }, select: summaryRow });
  if (!row) throw notFound('dataset', id);
  // the first queries only, cut out in the database: the page polls this while an evaluation runs
  const sample = await db.sql.query<{ id: string; text: string; relevant: number }>(
    `SELECT q.value->>'id' AS id, q.value->>'text' AS text,
            (SELECT count(*) FROM jsonb_each_text(d.qrels -> (q.value->>'id')) j WHERE j.value::float8 > 0)::int AS relevant
     FROM dataset d, jsonb_array_elements(d.queries) WITH ORDINALITY AS q(value, n)
     WHERE d.id = $1 ORDER BY q.n LIMIT $2`,
    [id, SAMPLE_SIZE],
  );
  const evaluations = await db.prisma.evaluation.findMany({
    where: { datasetId: id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
    select: { id: true, collection: true, status: true, queries: true, done: true, failed: true, metrics: true, createdAt: true, version: { select: { id: true, number: true, graph: { select: { id: true, name: true } } } } },
  });
  return {
    ...summarize(row),
    sample,
    evaluations: evaluations.map(({ version, metrics, status, ...e }) => ({
      ...e,
      status: status as EvaluationStatus,
      metrics: metrics as Record<string, number>,
      graphId: version.graph.id,
      graphName: version.graph.name,
      versionId: version.id,
      versionNumber: version.number,
    })),
  };
}

/** Deletes a dataset; evaluations made on it keep its name and their scores. */
export async function deleteDataset(db: Db, id: string): Promise<{ id: string }> {
  const deleted = await db.prisma.dataset.deleteMany({ where: { id } });
  if (deleted.count === 0) throw notFound('dataset', id);
  return { id };
}

/** A dataset's judged queries, as an evaluation scores them. */
export async function loadJudgedQueries(db: Db, id: string): Promise<{ name: string; queries: (readonly [string, string])[]; qrels: Qrels }> {
  const found = await db.prisma.dataset.findUnique({ where: { id }, select: { name: true, queries: true, qrels: true } });
  if (!found) throw notFound('dataset', id);
  const judgements = found.qrels as StoredQrels;
  return {
    name: found.name,
    queries: (found.queries as { id: string; text: string }[]).map((q) => [q.id, q.text] as const),
    qrels: new Map(Object.entries(judgements).map(([query, judged]) => [query, new Map(Object.entries(judged))])),
  };
}

/** A dataset found by name (the CLI names datasets). */
export async function findDatasetByName(db: Db, name: string): Promise<{ id: string } | null> {
  return db.prisma.dataset.findUnique({ where: { name }, select: { id: true } });
}

/**
 * A dataset as BEIR files again: queries.jsonl ({"_id", "text"} per line) and a qrels .tsv with its
 * header, so a dataset can leave the product and come back unchanged.
 */
export async function exportDataset(db: Db, id: string, file: 'queries.jsonl' | 'qrels.tsv'): Promise<{ name: string; text: string }> {
  const { name, queries, qrels } = await loadJudgedQueries(db, id);
  if (file === 'queries.jsonl') return { name, text: queries.map(([_id, text]) => `${JSON.stringify({ _id, text })}\n`).join('') };
  const lines = queries.flatMap(([query]) => [...(qrels.get(query) ?? [])].map(([doc, grade]) => `${query}\t${doc}\t${grade}\n`));
  return { name, text: `query-id\tcorpus-id\tscore\n${lines.join('')}` };
}
