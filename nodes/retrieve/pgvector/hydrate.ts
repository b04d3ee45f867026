import type { SqlClient } from '../../core/context';
import type { RetrievedItem } from '../../core/values';
import { parseVectorLiteral } from '../../store/shared/vector-literal';

/** Loads what a result carries (text, document, parent text) for the chunks that made the cut. */
export async function hydrate(
  sql: SqlClient,
  picked: readonly { id: string; score: number; retrieval: Record<string, number> }[],
  withParents: boolean,
): Promise<RetrievedItem[]> {
  if (picked.length === 0) return [];
  const rows = await sql.query<{
    id: string;
    document_id: string;
    source_id: string;
    title: string;
    text: string;
    ordinal: number;
    metadata: Record<string, unknown>;
    parent_text: string | null;
  }>(
    `SELECT c.id, c.document_id, d.source_id, d.title, c.text, c.ordinal, c.metadata, ${withParents ? 'p.text' : 'NULL'} AS parent_text
     FROM chunk c JOIN document d ON d.id = c.document_id ${withParents ? 'LEFT JOIN chunk p ON p.id = c.parent_chunk_id' : ''}
     WHERE c.id = ANY($1::uuid[])`,
    [picked.map((p) => p.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return picked.flatMap((p) => {
    const row = byId.get(p.id);
    if (!row) return []; // deleted between search and load
    return [
      {
        chunkId: row.id,
        documentId: row.document_id,
        sourceId: row.source_id,
        text: row.text,
        score: p.score,
        ...(row.parent_text !== null && { parentText: row.parent_text }),
        metadata: { ...row.metadata, title: row.title, ordinal: row.ordinal, retrieval: p.retrieval },
      },
    ];
  });
}

/** Chunk vectors for MMR. */
export async function loadVectors(sql: SqlClient, ids: readonly string[]): Promise<Map<string, Float32Array>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; embedding: string | null }>('SELECT id, embedding::text AS embedding FROM chunk WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.filter((r) => r.embedding !== null).map((r) => [r.id, parseVectorLiteral(r.embedding!)]));
}
