import type { Db } from '../db/client';
import { exportDataset } from '../services/datasets';
import { ServiceError } from '../services/errors';
import { uuid } from '../services/spec-input';

const FILES = ['queries.jsonl', 'qrels.tsv'] as const;

/**
 * GET /api/datasets/{id}/{queries.jsonl | qrels.tsv} — the editor's download of a dataset as BEIR
 * files (same origin, like tRPC), named after the dataset.
 */
export async function datasetDownload(deps: { db: Db }, params: { id: string; file: string }): Promise<Response> {
  const file = FILES.find((f) => f === params.file);
  if (!file) throw new ServiceError('NOT_FOUND', `a dataset downloads as ${FILES.join(' or ')}, not "${params.file.slice(0, 100)}"`);
  if (!uuid.safeParse(params.id).success) throw new ServiceError('BAD_REQUEST', `"${params.id.slice(0, 100)}" is not a dataset id (a UUID)`);
  const { name, text } = await exportDataset(deps.db, params.id, file);
  const filename = `${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset'}-${file}`;
  return new Response(text, {
    headers: {
      'content-type': file === 'queries.jsonl' ? 'application/jsonl; charset=utf-8' : 'text/tab-separated-values; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'no-store',
    },
  });
}
