import { createWriteStream } from 'node:fs';
import { basename, extname, resolve, sep } from 'node:path';
import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { SqlClient } from '../../nodes/core/context';
import type { GraphSpec } from '../../nodes/core/spec';
import type { Db } from '../../server/db/client';
import { findDatasetByName, loadJudgedQueries } from '../../server/services/datasets';
import { olderVersionScores, recordEvaluation } from '../../server/services/evaluations';
import { gateAndReport, gateOptionArgs, parseMinimums, reportGate, type GateResult } from '../eval/gate';
import { rankedSources } from '../../server/evaluation/ranking';
import { runGraphInline } from '../../runners/inline';
import { readBeirQueries, readQrels } from '../beir';
import { openCliDb } from '../db';
import type { EvalSummary, QueryResult } from '../../server/evaluation/metrics';
import { scoreQueries } from '../../server/evaluation/score-queries';
import { applySets, DEFAULT_QUERY_GRAPH, loadGraphSpec, overrideConfig } from '../graphs';
import { progressBar } from '../progress';
import { EVALUATION_DEPTH } from '../../nodes/io/query-input/top-k';

export const evalArgs = z.object({
  collection: z.string({ error: '--collection NAME is required' }).min(1, '--collection NAME is required'),
  queries: z.string().min(1).optional(),
  qrels: z.string().min(1).optional(),
  graph: z.string().default(DEFAULT_QUERY_GRAPH),
  out: z.string().optional(),
  set: z.array(z.string()).default([]),
  limit: z.coerce.number().int().min(1).optional(),
  concurrency: z.coerce.number().int().min(1).max(64).optional(),
  depth: z.coerce.number().int().min(EVALUATION_DEPTH.min).max(EVALUATION_DEPTH.max).default(EVALUATION_DEPTH.default),
  dataset: z.string().max(200, '--dataset is at most 200 characters').optional(),
  ...gateOptionArgs,
}).superRefine((args, ctx) => {
  // judged queries come from files, or from a stored dataset named alone
  if (!args.queries !== !args.qrels) ctx.addIssue({ code: 'custom', message: `--${args.queries ? 'qrels qrels.tsv' : 'queries queries.jsonl'} is required with --${args.queries ? 'queries' : 'qrels'}` });
  else if (!args.queries && !args.dataset?.trim()) ctx.addIssue({ code: 'custom', message: '--queries queries.jsonl and --qrels qrels.tsv are required, or --dataset NAME of a stored dataset (rag datasets lists them)' });
});

export async function evaluateGraph(options: {
  sql: SqlClient;
  spec: GraphSpec;
  collection: string;
  queries: Map<string, string>;
  qrels: ReturnType<typeof readQrels>;
  depth: number;
  concurrency: number;
  limit?: number;
  out?: string;
}): Promise<EvalSummary & { failed: number; empty: number; perQuery: QueryResult[] }> {
  // the depth travels as the run input's topK (it overrides the retriever's own)
  const spec = overrideConfig(options.spec, 'retrieve.pgvector', { collection: options.collection });
  const graph = compileGraph(spec, catalog);
  const ids = [...options.qrels.keys()].filter((id) => options.queries.has(id)).slice(0, options.limit);
  const missing = [...options.qrels.keys()].filter((id) => !options.queries.has(id));
  if (missing.length) process.stderr.write(`warning: ${missing.length} judged queries are not in the queries file (e.g. ${missing.slice(0, 3).join(', ')})\n`);
  const progress = progressBar('eval', ids.length, 'queries');
  const { run, perQuery, summary, failed, firstFailure } = await scoreQueries({
    queries: ids.map((id) => [id, options.queries.get(id)!] as const),
    qrels: options.qrels,
    concurrency: options.concurrency,
    rank: async (_queryId, query) => rankedSources(graph, await runGraphInline({ sql: options.sql, graph, input: { query, topK: options.depth } }), options.depth),
    onScored: (done) => progress.tick(done),
  });
  progress.finish();
  if (options.out) {
    const out = createWriteStream(options.out, 'utf8');
    for (const queryId of ids) out.write(`${JSON.stringify({ query_id: queryId, doc_ids: run.get(queryId) ?? [] })}\n`);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  const first = firstFailure && `query ${firstFailure.queryId}: ${firstFailure.message}`;
  if (first && failed.size === ids.length) throw new Error(`every query failed; first: ${first}`);
  if (first) process.stderr.write(`${failed.size} queries failed; first: ${first}\n`);
  const empty = ids.filter((id) => (run.get(id) ?? []).length === 0).length;
  return { ...summary, failed: failed.size, empty, perQuery };
}

/**
 * The dataset's name for the record: `--dataset`, else taken from the judgements file's place in a
 * BEIR folder (`scifact/qrels/train.tsv` → "scifact train").
 */
export function datasetLabel(qrelsPath: string, given?: string): string {
  if (given?.trim()) return given.trim();
  const parts = resolve(qrelsPath).split(sep);
  const split = basename(parts.at(-1)!, extname(parts.at(-1)!));
  const folder = parts.at(-2) === 'qrels' ? parts.at(-3) : parts.at(-2);
  return folder ? `${folder} ${split}` : split;
}

/** The judged queries of the files given, or of the stored dataset `--dataset` names. */
async function judgedQueries(db: Db, args: z.infer<typeof evalArgs>) {
  if (args.queries && args.qrels) return { queries: readBeirQueries(args.queries), qrels: readQrels(args.qrels), stored: null };
  const name = args.dataset!.trim();
  const found = await findDatasetByName(db, name);
  if (!found) throw new Error(`no dataset is named "${name}": add it with rag datasets add, or pass --queries and --qrels`);
  const loaded = await loadJudgedQueries(db, found.id);
  process.stderr.write(`dataset: "${name}", ${loaded.queries.length} judged queries\n`);
  return { queries: new Map(loaded.queries), qrels: loaded.qrels, stored: { id: found.id, name } };
}

export interface EvalOutcome extends EvalSummary {
  /** the evaluation recorded against the graph's version, when one was evaluated as saved */
  evaluation?: { id: string; graph: string; version: number; versionId: string; dataset: string };
  /** the quality gate's verdict, when --min or --max-drop asked for one (the command exits 1 if it failed) */
  gate?: GateResult;
}

export async function evalCommand(args: z.infer<typeof evalArgs>): Promise<EvalOutcome> {
  const db = await openCliDb();
  try {
    return await evaluateAndRecord(db, args);
  } finally {
    await db.close();
  }
}

/**
 * Evaluates the graph and, when it is a saved version run as saved (no `--set`), records the scores
 * against that version, where the editor's history shows them; then, if asked, passes the scores
 * through the quality gate (cli/eval/gate.ts).
 */
export async function evaluateAndRecord(db: Db, args: z.infer<typeof evalArgs>): Promise<EvalOutcome> {
  const min = parseMinimums(args.min); // a bad --min is refused before anything runs
  const gated = args.min.length > 0 || args.maxDrop !== undefined;
  const outcome = await evaluateAndRecordScores(db, args);
  if (!gated) return outcome;
  const scores = { ndcg10: outcome.ndcg10, recall100: outcome.recall100, mrr10: outcome.mrr10 };
  if (args.maxDrop !== undefined && !outcome.evaluation) {
    const gate: GateResult = { passed: false, failures: ['--max-drop compares saved versions: evaluate one as saved (--graph NAME[@N], no --set)'] };
    reportGate(gate);
    return { ...outcome, gate };
  }
  const previous = outcome.evaluation && args.maxDrop !== undefined ? await olderVersionScores(db, { versionId: outcome.evaluation.versionId, dataset: outcome.evaluation.dataset, collection: args.collection }) : null;
  return { ...outcome, gate: gateAndReport(scores, { min, maxDrop: args.maxDrop }, previous ?? undefined) };
}

/** The scores, recorded with the version when it was evaluated as saved. */
async function evaluateAndRecordScores(db: Db, args: z.infer<typeof evalArgs>): Promise<EvalOutcome> {
  const { queries, qrels, stored } = await judgedQueries(db, args);
  const { spec, source, version } = await loadGraphSpec(db, args.graph);
  process.stderr.write(`graph: ${source}\n`);
  const result = await evaluateGraph({
    sql: db.sql,
    spec: applySets(spec, args.set),
    collection: args.collection,
    queries,
    qrels,
    depth: args.depth,
    concurrency: args.concurrency ?? (db.kind === 'postgres' ? 4 : 1),
    limit: args.limit,
    out: args.out,
  });
  const { failed, empty, perQuery, ...summary } = result;
  process.stderr.write(`failed: ${failed}, empty rankings: ${empty}\n`);
  if (!version) {
    process.stderr.write('not recorded: the graph is not a saved version (pass --graph NAME or NAME@N to record the scores with a version)\n');
    return summary;
  }
  if (args.set.length > 0) {
    process.stderr.write(`not recorded: --set changed the graph, so these are not the scores of v${version.number}\n`);
    return summary;
  }
  const dataset = stored?.name ?? datasetLabel(args.qrels!, args.dataset);
  const { ndcg10, recall100, mrr10 } = summary;
  const recorded = await recordEvaluation(db, {
    versionId: version.id,
    dataset,
    datasetId: stored?.id,
    collection: args.collection,
    queries: summary.queries,
    failed,
    metrics: { ndcg10, recall100, mrr10 },
    settings: { depth: args.depth, ...(args.limit ? { limit: args.limit } : {}) },
    perQuery,
    createdBy: 'cli',
  });
  process.stderr.write(`recorded with graph "${version.graphName}" v${version.number} as "${dataset}"\n`);
  return { ...summary, evaluation: { id: recorded.id, graph: version.graphName, version: version.number, versionId: version.id, dataset } };
}
