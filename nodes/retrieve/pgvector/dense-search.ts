import type { SqlClient } from '../../core/context';
import { collectionPredicate, vectorExpression, type CollectionRow } from '../../store/shared/collections';
import { toVectorLiteral } from '../../store/shared/vector-literal';

export interface LegHit {
  id: string;
  parentId: string | null;
  score: number;
}

export interface DenseSearchOptions {
  vector: readonly number[];
  limit: number;
  filter?: Record<string, unknown>;
  efSearch: number;
  iterativeScan: 'relaxed_order' | 'strict_order' | 'off';
  maxScanTuples: number;
}

/**
 * Nearest chunks by cosine distance. Orders by the same expression and restricts by the same literal
 * predicate as the collection's partial HNSW index, so the planner can use it. The HNSW settings go
 * with the query's connection (`withSettings`: sent only when the connection has other values). With
 * relaxed_order an index scan may return rows slightly out of order; the materialised CTE re-sorts
 * them exactly.
 */
export async function denseSearch(sql: SqlClient, collection: CollectionRow, options: DenseSearchOptions): Promise<LegHit[]> {
  if (collection.dims === null || options.limit <= 0) return [];
  const expr = vectorExpression(collection.dims);
  // every setting is stated on every search (settings stay on pooled connections): an unfiltered
  // search must not inherit the iterative scan of a filtered one that used the connection before
  const iterative = options.filter ? options.iterativeScan : 'off';
  const settings: Record<string, string | number> = { 'hnsw.ef_search': Math.min(1000, Math.max(options.efSearch, options.limit)), 'hnsw.iterative_scan': iterative };
  if (iterative !== 'off') settings['hnsw.max_scan_tuples'] = Math.trunc(options.maxScanTuples);
  const params: unknown[] = [toVectorLiteral(options.vector), options.limit];
  let filterSql = '';
  if (options.filter) {
    params.push(JSON.stringify(options.filter));
    filterSql = ` AND metadata @> $3::jsonb`;
  }
  const rows = await sql.withSettings(settings, (tx) => tx.query<{ id: string; parent_chunk_id: string | null; distance: number }>(
    `WITH hits AS MATERIALIZED (
       SELECT id, parent_chunk_id, ${expr} <=> $1::vector(${collection.dims}) AS distance
       FROM chunk WHERE ${collectionPredicate(collection)}${filterSql}
       ORDER BY ${expr} <=> $1::vector(${collection.dims}) LIMIT $2
     )
     SELECT id, parent_chunk_id, distance FROM hits WHERE distance IS NOT NULL AND distance <> 'NaN'::float8 ORDER BY distance, id`,
    params,
  ));
  return rows.map((r) => ({ id: r.id, parentId: r.parent_chunk_id, score: 1 - Number(r.distance) }));
}
