/**
 * Development tool behind the retrieve.pgvector defaults: loads a collection that holds a BEIR corpus
 * (chunk texts, vectors, document titles) into memory and grid-searches lexical and hybrid settings on
 * a split's judged queries with the same analyzer, BM25 formulas and fusion code the node uses. Exact
 * (brute-force) dense search, so it is an upper bound for HNSW. Also grids relevance feedback (RM3,
 * nodes/search/relevance-feedback.ts) at the BM25 defaults. Confirm the winner with `rag eval`.
 *
 *   DATA_DIR=... npx tsx cli/eval/tune-retrieval.ts --collection scifact \
 *     --queries .../queries.jsonl --qrels .../qrels/train.tsv
 */
import { parseArgs } from 'node:util';
import { loadGloveModel } from '../../nodes/embed/glove/glove-model';
import { weightedRrf } from '../../nodes/retrieve/shared/fusion';
import { analyze, termCounts } from '../../nodes/search/analyzer';
import { expandQuery } from '../../nodes/search/relevance-feedback';
import { bm25Idf, bm25TermWeight, DEFAULT_BM25 } from '../../nodes/search/bm25';
import { titledText } from '../../nodes/store/pgvector/plan';
import { parseVectorLiteral } from '../../nodes/store/shared/vector-literal';
import { createModelHost } from '../../runners/model-host';
import { readBeirQueries, readQrels } from '../beir';
import { openCliDb } from '../db';
import { evaluateRun } from '../../server/evaluation/metrics';

const { values } = parseArgs({
  options: { collection: { type: 'string' }, queries: { type: 'string' }, qrels: { type: 'string' }, depth: { type: 'string' } },
});
if (!values.collection || !values.queries || !values.qrels) throw new Error('need --collection, --queries and --qrels');
const depth = Number(values.depth ?? 100);

interface Chunk {
  id: string;
  sourceId: string;
  ordinal: number;
  text: string;
  title: string;
  vector: Float32Array | null;
}

const db = await openCliDb();
const rows = await db.sql.query<{ id: string; source_id: string; ordinal: number; text: string; title: string; embedding: string | null }>(
  `SELECT c.id, d.source_id, c.ordinal, c.text, d.title, c.embedding::text AS embedding
   FROM chunk c JOIN document d ON d.id = c.document_id JOIN collection k ON k.id = c.collection_id
   WHERE k.name = $1 AND NOT c.is_parent`,
  [values.collection],
);
await db.close();
const chunks: Chunk[] = rows.map((r) => ({
  id: r.id,
  sourceId: r.source_id,
  ordinal: r.ordinal,
  text: r.text,
  title: r.title,
  vector: r.embedding ? parseVectorLiteral(r.embedding) : null,
}));
process.stderr.write(`${chunks.length} chunks loaded\n`);

/** An inverted index over one way of turning a chunk into indexed text. */
function buildIndex(textOf: (c: Chunk) => string) {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = new Float64Array(chunks.length);
  const chunkTerms: Map<string, number>[] = [];
  chunks.forEach((chunk, i) => {
    const { counts, length } = termCounts(textOf(chunk));
    lengths[i] = length;
    chunkTerms.push(counts);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc: i, tf });
    }
  });
  const avgdl = lengths.reduce((a, b) => a + b, 0) / chunks.length;
  return { postings, lengths, avgdl, termCounts: chunkTerms };
}

/** Chunk ordinals best first, with their scores; `terms` may carry weights (relevance feedback). */
function bm25Scored(index: ReturnType<typeof buildIndex>, terms: string[] | Map<string, number>, k1: number, b: number, uniqueTerms: boolean): [number, number][] {
  const scores = new Map<number, number>();
  let qtf = new Map<string, number>();
  if (terms instanceof Map) qtf = terms;
  else for (const t of terms) qtf.set(t, uniqueTerms ? 1 : (qtf.get(t) ?? 0) + 1);
  for (const [term, count] of qtf) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = bm25Idf(chunks.length, list.length);
    for (const p of list) scores.set(p.doc, (scores.get(p.doc) ?? 0) + count * idf * bm25TermWeight(p.tf, index.lengths[p.doc]!, index.avgdl, { k1, b }));
  }
  return [...scores].sort((x, y) => y[1] - x[1]).slice(0, depth);
}

function bm25(index: ReturnType<typeof buildIndex>, terms: string[], k1: number, b: number, uniqueTerms: boolean): number[] {
  return bm25Scored(index, terms, k1, b, uniqueTerms).map(([doc]) => doc);
}

/** RM3 as retrieve.pgvector runs it: a first pass, its best chunks expand the query, a second pass. */
function bm25WithFeedback(index: ReturnType<typeof buildIndex>, terms: string[], feedbackChunks: number, feedbackTerms: number, queryWeight: number): number[] {
  const { k1, b } = DEFAULT_BM25;
  const first = bm25Scored(index, terms, k1, b, true).slice(0, feedbackChunks);
  const feedback = first.map(([doc, score]) => ({ score, counts: index.termCounts[doc]!, length: index.lengths[doc]! }));
  return bm25Scored(index, expandQuery(terms, feedback, { terms: feedbackTerms, queryWeight }), k1, b, true).map(([doc]) => doc);
}

function dense(query: Float32Array): number[] {
  const scored: [number, number][] = [];
  chunks.forEach((c, i) => {
    if (!c.vector) return;
    let dot = 0;
    for (let k = 0; k < query.length; k++) dot += query[k]! * c.vector[k]!;
    scored.push([i, dot]);
  });
  return scored.sort((x, y) => y[1] - x[1]).slice(0, depth).map(([i]) => i);
}

const queries = readBeirQueries(values.queries);
const qrels = readQrels(values.qrels);
const ids = [...qrels.keys()].filter((id) => queries.has(id));
const glove = await loadGloveModel(createModelHost());
const vectors = glove.embed(ids.map((id) => queries.get(id)!));
const denseRuns = new Map(ids.map((id, i) => [id, dense(vectors[i]!)]));

const toSources = (docs: number[]) => [...new Set(docs.map((d) => chunks[d]!.sourceId))];
const report = (label: string, run: Map<string, string[]>) => {
  const m = evaluateRun(run, qrels);
  process.stdout.write(`${JSON.stringify({ label, ...m })}\n`);
  return m.ndcg10;
};

report('dense (exact)', new Map(ids.map((id) => [id, toSources(denseRuns.get(id)!)])));

const variants = {
  'chunk text': (c: Chunk) => c.text,
  'title + chunk text': (c: Chunk) => titledText(c.title.trim(), c.text),
};
let best = { ndcg: 0, label: '' };
for (const [name, textOf] of Object.entries(variants)) {
  const index = buildIndex(textOf);
  for (const uniqueTerms of [false, true]) {
    for (const k1 of [0.6, 0.9, 1.2, 1.5]) {
      for (const b of [0.3, 0.4, 0.5, 0.75]) {
        const lexicalRuns = new Map(ids.map((id) => [id, bm25(index, analyze(queries.get(id)!), k1, b, uniqueTerms)]));
        const label = `${name}; ${uniqueTerms ? 'unique' : 'repeated'} query terms; k1 ${k1} b ${b}`;
        const ndcg = report(`lexical: ${label}`, new Map(ids.map((id) => [id, toSources(lexicalRuns.get(id)!)])));
        if (ndcg > best.ndcg) best = { ndcg, label };
        // the fusion grid runs at the node's BM25 defaults, so its rows include the shipped configuration
        if (k1 !== DEFAULT_BM25.k1 || b !== DEFAULT_BM25.b) continue;
        for (const rrfK of [1, 5, 10, 20, 60]) {
          for (const denseWeight of [0.02, 0.05, 0.1, 0.2, 0.3]) {
            const run = new Map(
              ids.map((id) => {
                const fused = weightedRrf(
                  [
                    { name: 'lexical', weight: 1, ids: lexicalRuns.get(id)!.map(String) },
                    { name: 'dense', weight: denseWeight, ids: denseRuns.get(id)!.map(String) },
                  ],
                  rrfK,
                );
                return [id, toSources(fused.map((f) => Number(f.id)))];
              }),
            );
            report(`hybrid rrfK ${rrfK} denseWeight ${denseWeight}: ${label}`, run);
          }
        }
      }
    }
  }
}
process.stderr.write(`best lexical: ${best.label} → ${best.ndcg}\n`);

// relevance feedback on the title-prefixed index at the BM25 defaults, alone and fused as the node fuses
const titled = buildIndex(variants['title + chunk text']);
for (const feedbackChunks of [3, 5, 10, 20]) {
  for (const feedbackTerms of [10, 20, 40]) {
    for (const queryWeight of [0.6, 0.7, 0.8, 0.9]) {
      const expanded = new Map(ids.map((id) => [id, bm25WithFeedback(titled, analyze(queries.get(id)!), feedbackChunks, feedbackTerms, queryWeight)]));
      const label = `feedback ${feedbackChunks} chunks, ${feedbackTerms} terms, query weight ${queryWeight}`;
      report(`lexical + ${label}`, new Map(ids.map((id) => [id, toSources(expanded.get(id)!)])));
      const fused = (id: string) =>
        weightedRrf(
          [
            { name: 'lexical', weight: 1, ids: expanded.get(id)!.map(String) },
            { name: 'dense', weight: 0.1, ids: denseRuns.get(id)!.map(String) },
          ],
          5,
        ).map((f) => Number(f.id));
      report(`hybrid rrfK 5 denseWeight 0.1 + ${label}`, new Map(ids.map((id) => [id, toSources(fused(id))])));
    }
  }
}
