import { defineExecutor, type SqlClient } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { QueryVectorValue } from '../../core/values';
import { analyze } from '../../search/analyzer';
import { assertSameEmbedding, requireCollection, validateCollectionName } from '../../store/shared/collections';
import { weightedRrf, type FusedItem, type RankedList } from '../shared/fusion';
import { mmrSelect } from '../shared/mmr';
import { denseSearch, type LegHit } from './dense-search';
import { retrievePgvector, type RetrievePgvectorConfig } from './definition';
import { hydrate, loadVectors } from './hydrate';
import { feedbackSearch } from './feedback-search';

export const retrievePgvectorExecutor = defineExecutor(retrievePgvector, {
  async execute(ctx, inputs, config) {
    const query = inputs.query;
    if (!query) throw new NodeError('INVALID_INPUT', 'retrieve.pgvector needs an embedded query on its "query" input');
    // no transaction: each leg is one statement, and a chunk deleted between search and hydration is
    // skipped there
    const { items, expandedWith } = await retrieve(ctx.sql, query, config);
    ctx.record({ retrieved: items.length, ...(expandedWith && { expandedWith }) });
    return { retrieved: { query: query.text, items } };
  },
});

async function retrieve(sql: SqlClient, query: QueryVectorValue, config: RetrievePgvectorConfig) {
  const collection = await requireCollection(sql, validateCollectionName(config.collection));
  const topK = query.topK ?? config.topK;
  const depth = Math.max(config.candidates, topK);
  const filterObject = { ...config.filters, ...query.filters };
  refuseFilterOperators(filterObject);
  const filter = Object.keys(filterObject).length > 0 ? filterObject : undefined;

  const useDense = config.mode === 'dense' || (config.mode === 'hybrid' && config.denseWeight > 0);
  const useLexical = config.mode === 'lexical' || (config.mode === 'hybrid' && config.lexicalWeight > 0);

  let denseLeg: Promise<LegHit[]> = Promise.resolve([]);
  if (useDense && collection.dims !== null) {
    assertSameEmbedding(collection, query.model, query.dims, 'the query vector');
    if (query.vector.length !== query.dims) {
      throw new NodeError('DIMENSION_MISMATCH', `the query vector has ${query.vector.length} components but says it is ${query.dims}-d`);
    }
    // A zero vector (no known words) has no direction: cosine ranks would be noise.
    if (query.vector.some((v) => v !== 0)) {
      denseLeg = denseSearch(sql, collection, {
        vector: query.vector,
        limit: depth,
        filter,
        efSearch: config.efSearch,
        iterativeScan: config.iterativeScan,
        maxScanTuples: config.maxScanTuples,
      });
    }
  }
  // the two legs run side by side (on two pooled connections with Postgres)
  const lexicalLeg: Promise<{ hits: LegHit[]; expandedWith?: string[] }> = useLexical
    ? feedbackSearch(sql, collection, {
        terms: analyze(query.text),
        limit: depth,
        filter,
        k1: config.k1,
        b: config.b,
        withParents: config.smallToBig,
        feedbackChunks: config.feedbackChunks,
        feedback: { terms: config.feedbackTerms, queryWeight: config.feedbackQueryWeight },
      })
    : Promise.resolve({ hits: [] });
  const [dense, { hits: lexical, expandedWith }] = await Promise.all([denseLeg, lexicalLeg]);

  const lists: RankedList[] = [];
  if (useLexical) lists.push({ name: 'lexical', weight: config.mode === 'hybrid' ? config.lexicalWeight : 1, ids: lexical.map((h) => h.id) });
  if (useDense) lists.push({ name: 'dense', weight: config.mode === 'hybrid' ? config.denseWeight : 1, ids: dense.map((h) => h.id) });

  const legScores = new Map<string, Record<string, number>>();
  const parentOf = new Map<string, string | null>();
  for (const [name, hits] of [['lexical', lexical], ['dense', dense]] as const) {
    for (const hit of hits) {
      legScores.set(hit.id, { ...legScores.get(hit.id), [`${name}Score`]: hit.score });
      parentOf.set(hit.id, hit.parentId);
    }
  }

  // A single leg keeps its own scores (cosine or BM25); fusion scores are RRF sums.
  let ranked: FusedItem[] = lists.length === 1 ? singleLeg(lists[0]!.name, lists[0]!.name === 'lexical' ? lexical : dense) : weightedRrf(lists, config.rrfK);

  if (config.smallToBig) {
    const seenParents = new Set<string>();
    ranked = ranked.filter((item) => {
      const parent = parentOf.get(item.id);
      if (!parent) return true;
      if (seenParents.has(parent)) return false;
      seenParents.add(parent);
      return true;
    });
  }

  let picked = ranked.slice(0, topK);
  if (config.mmr && ranked.length > topK) {
    const vectors = await loadVectors(sql, ranked.map((r) => r.id));
    const order = mmrSelect(
      ranked.map((r) => ({ id: r.id, relevance: r.score, vector: vectors.get(r.id) ?? null })),
      topK,
      config.mmrLambda,
    );
    const byId = new Map(ranked.map((r) => [r.id, r]));
    picked = order.map((id) => byId.get(id)!);
  }

  const items = await hydrate(
    sql,
    picked.map((item) => ({ id: item.id, score: item.score, retrieval: { ...legScores.get(item.id), ...prefixRanks(item.ranks) } })),
    config.smallToBig,
  );
  return { items, expandedWith };
}

function singleLeg(name: string, hits: LegHit[]): FusedItem[] {
  return hits.map((h, i) => ({ id: h.id, score: h.score, ranks: { [name]: i + 1 } }));
}

function prefixRanks(ranks: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(ranks).map(([name, rank]) => [`${name}Rank`, rank]));
}

/**
 * Filters match metadata by containment (jsonb @>): {"source": "a.pdf"} keeps chunks whose metadata
 * holds that pair. Other stores' operators ({"$in": …}, {"$gt": …}) would match nothing, silently.
 */
function refuseFilterOperators(filters: Record<string, unknown>, path = 'filters'): void {
  for (const [key, value] of Object.entries(filters)) {
    if (key.startsWith('$')) {
      throw new NodeError('INVALID_INPUT', `${path}.${key}: filters match metadata values exactly ({"source": "handbook.pdf"}, all pairs must hold); operators such as ${key} are not supported`);
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) refuseFilterOperators(value as Record<string, unknown>, `${path}.${key}`);
  }
}
