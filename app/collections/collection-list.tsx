'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage } from '../lib/errors';
import { formatDateTime, timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { UploadPanel } from './upload-panel';

/** /collections: the document collections retrievers search, with counts, and an upload form that creates them. */
export function CollectionList() {
  const trpc = useTRPC();
  const collections = useQuery(trpc.collection.list.queryOptions());
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Collections</h1>
          <div className="subtitle">Stored documents, chunked and embedded, that query graphs retrieve from. A collection is bound to the embedding model of its first upload.</div>
        </div>
      </div>
      <div className="stack">
        {collections.error && <div className="alert error">Could not load collections: {errorMessage(collections.error)}</div>}
        {collections.isLoading && (
          <div className="muted">
            <span className="spinner" /> Loading…
          </div>
        )}
        {collections.data && collections.data.length === 0 && (
          <div className="card empty" data-testid="collections-empty">
            <h2>No collections yet</h2>
            <p style={{ maxWidth: 520, margin: '0 auto' }}>
              Upload a few documents below: the ingestion graph creates the collection on the first upload. The example query graph reads the “docs” collection.
            </p>
          </div>
        )}
        {collections.data && collections.data.length > 0 && (
          <div className="card table-scroll">
            <table className="table" aria-label="Collections">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Embedding model</th>
                  <th className="num">Dims</th>
                  <th className="num">Documents</th>
                  <th className="num">Chunks</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {collections.data.map((c) => (
                  <tr key={c.id} data-testid="collection-row">
                    <td>
                      <Link href={`/collections/${encodeURIComponent(c.name)}`} style={{ fontWeight: 600 }}>
                        {c.name}
                      </Link>
                      {c.description && <div className="muted small">{c.description}</div>}
                    </td>
                    <td className="mono small nowrap">{c.embeddingModel ?? <span className="muted">not bound yet</span>}</td>
                    <td className="num">{c.dims ?? '—'}</td>
                    <td className="num">{c.documentCount}</td>
                    <td className="num" title={`${c.indexedChunkCount} searchable; the rest are parent chunks kept for context`}>
                      {c.chunkCount}
                    </td>
                    <td className="small nowrap" title={formatDateTime(c.updatedAt)}>
                      {timeAgo(c.updatedAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <UploadPanel />
      </div>
    </div>
  );
}
