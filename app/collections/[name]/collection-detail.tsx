'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { errorCode, errorMessage } from '../../lib/errors';
import { formatDateTime, plural, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { UploadPanel } from '../upload-panel';
import { DocumentChunksDialog } from './document-chunks-dialog';
import { SearchPanel } from './search-panel';
import { WebSourcesCard } from './web-sources-card';

const PAGE = 50;

/** /collections/[name]: the collection's documents (search, see one's chunks, delete one, delete all), a query to try on it, and an upload form. */
export function CollectionDetail({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [confirm, setConfirm] = useState<{ sourceId: string; title: string } | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [viewing, setViewing] = useState<{ sourceId: string; title: string } | null>(null);
  const collection = useQuery(trpc.collection.byName.queryOptions({ name }));
  const documents = useQuery({ ...trpc.collection.documents.queryOptions({ name, search: search || undefined, limit: PAGE, offset }), enabled: !!collection.data, placeholderData: (previous) => previous });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
  const remove = useMutation(trpc.collection.deleteDocument.mutationOptions({ onSuccess: () => { setConfirm(null); void invalidate(); } }));
  const removeAll = useMutation(trpc.collection.delete.mutationOptions({ onSuccess: () => { void invalidate(); router.push('/collections'); } }));

  if (collection.error) {
    const missing = errorCode(collection.error) === 'NOT_FOUND';
    return (
      <div className="page">
        <div className="page-header">
          <h1>{name}</h1>
        </div>
        <div className="stack">
          <div className={missing ? 'alert info' : 'alert error'}>
            {missing ? `There is no collection “${name}” yet. Add documents below to create it.` : `Could not load the collection: ${errorMessage(collection.error)}`}
          </div>
          {/* the same keyed panel in the same .stack as on the collection's view below: when the first
              upload creates the collection, the page switches views and the panel, still showing how
              that upload went (stored, and the files it left out), stays */}
          {missing && <UploadPanel key="upload" collection={name} onIngested={() => void collection.refetch()} />}
          <Link href="/collections">← All collections</Link>
        </div>
      </div>
    );
  }
  const c = collection.data;
  const total = documents.data?.total ?? 0;
  return (
    <div className="page">
      <div className="page-header">
        <div style={{ flex: 1, minWidth: 0 }}>
          <div className="muted small">
            <Link href="/collections">Collections</Link> /
          </div>
          <h1>{name}</h1>
          {c && (
            <div className="subtitle" data-testid="collection-stats">
              {plural(c.documentCount, 'document')} · {plural(c.chunkCount, 'chunk')} · {c.embeddingModel ? `${c.embeddingModel}, ${c.dims} dims` : 'no embedding model yet'} · updated{' '}
              {timeAgo(c.updatedAt)}
            </div>
          )}
          {c?.description && (
            <div className="subtitle" data-testid="collection-description">
              {c.description}
            </div>
          )}
        </div>
        {c && (
          <button className="btn danger" onClick={() => setConfirmAll(true)}>
            Delete collection
          </button>
        )}
      </div>
      <div className="stack">
        {c && c.chunkCount > 0 && <SearchPanel collection={name} />}
        <section className="card" aria-label="Documents">
          <div className="card-body" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
            <h2 style={{ margin: 0 }}>Documents</h2>
            {/* nothing to filter in an empty collection (kept while a filter is typed, so it can be cleared) */}
            {((c?.documentCount ?? 0) > 0 || search !== '') && (
              <input
                className="input"
                style={{ width: 260 }}
                placeholder="Search by title or source…"
                aria-label="Search documents"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setOffset(0);
                }}
              />
            )}
          </div>
          {documents.error && <div className="alert error" style={{ margin: '0 16px 12px' }}>Could not load documents: {errorMessage(documents.error)}</div>}
          {documents.data && documents.data.documents.length === 0 && (
            <div className="empty" style={{ paddingTop: 20 }}>{search ? `No document matches “${search}”.` : 'No documents yet: upload some below.'}</div>
          )}
          {documents.data && documents.data.documents.length > 0 && (
            <table className="table" aria-label="Documents of the collection">
              <thead>
                <tr>
                  <th>Title</th>
                  <th>Source</th>
                  <th>Type</th>
                  <th className="num">Chunks</th>
                  <th>Updated</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {documents.data.documents.map((d) => (
                  <tr key={d.id} data-testid="document-row">
                    <td>
                      <button type="button" className="link-button title-link" onClick={() => setViewing({ sourceId: d.sourceId, title: d.title || d.sourceId })} title="Show its chunks">
                        {d.title || d.sourceId}
                      </button>
                    </td>
                    <td className="mono small">{d.sourceId}</td>
                    <td className="small muted">{d.mimeType}</td>
                    <td className="num">{d.chunkCount}</td>
                    <td className="small" title={formatDateTime(d.updatedAt)}>
                      {timeAgo(d.updatedAt)}
                    </td>
                    <td style={{ textAlign: 'right' }}>
                      <button className="btn ghost small" style={{ color: 'var(--danger)' }} onClick={() => setConfirm({ sourceId: d.sourceId, title: d.title || d.sourceId })} aria-label={`Delete ${d.sourceId}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {total > PAGE && (
            <div className="card-body toolbar" style={{ justifyContent: 'flex-end' }}>
              <span className="muted small">
                {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
              </span>
              <button className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <button className="btn small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </button>
            </div>
          )}
        </section>
        <WebSourcesCard collection={name} />
        <UploadPanel key="upload" collection={name} />
      </div>

      {viewing && <DocumentChunksDialog collection={name} sourceId={viewing.sourceId} title={viewing.title} onClose={() => setViewing(null)} />}
      {confirm && (
        <ConfirmDialog
          title="Delete document?"
          confirmLabel="Delete document"
          onConfirm={() => remove.mutate({ name, sourceId: confirm.sourceId })}
          onClose={() => setConfirm(null)}
          pending={remove.isPending}
          error={remove.error}
        >
          <p style={{ marginTop: 0 }}>
            <strong>{confirm.title}</strong> and all its chunks will be removed from “{name}”. Queries will no longer find it. Upload the file again to bring it back.
          </p>
        </ConfirmDialog>
      )}
      {confirmAll && (
        <ConfirmDialog
          title="Delete collection?"
          confirmLabel="Delete collection"
          onConfirm={() => removeAll.mutate({ name })}
          onClose={() => setConfirmAll(false)}
          pending={removeAll.isPending}
          error={removeAll.error}
        >
          <p style={{ marginTop: 0 }}>
            “{name}” and its {plural(c?.documentCount ?? 0, 'document')} will be deleted. Graphs that retrieve from it will find nothing until you upload again.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
