'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDialog } from '../components/ui/confirm-dialog';
import { Dialog } from '../components/ui/dialog';
import { errorMessage } from '../lib/errors';
import { download, timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { ImportDialog } from './import-dialog';
import { NewGraphDialog } from './new-graph-dialog';

const KIND_LABEL = { ingestion: 'Ingestion', query: 'Query', other: 'Graph' } as const;

export function GraphList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<{ id: string; name: string } | null>(null);
  const [duplicateOf, setDuplicateOf] = useState<{ id: string; name: string } | null>(null);
  const graphs = useQuery(trpc.graph.list.queryOptions(search ? { search } : undefined));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.graph.list.queryKey() });
  const remove = useMutation(trpc.graph.delete.mutationOptions({ onSuccess: () => { setConfirmDelete(null); void invalidate(); } }));
  const duplicate = useMutation(trpc.graph.duplicate.mutationOptions({ onSuccess: (g) => router.push(`/graphs/${g.id}`) }));
  const exporter = useMutation({
    mutationFn: async (id: string) => queryClient.fetchQuery(trpc.graph.export.queryOptions({ id })),
    onSuccess: (data) => download(`${data.name.replace(/[^\w.-]+/g, '-')}.graph.json`, data),
  });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Graphs</h1>
          <div className="subtitle">Ingestion and query pipelines. Each saved version is immutable and can be run or published.</div>
        </div>
        <div className="toolbar">
          <input className="input" style={{ width: 220 }} placeholder="Search graphs…" aria-label="Search graphs" value={search} onChange={(e) => setSearch(e.target.value)} />
          <button className="btn" onClick={() => setDialog('import')}>
            Import
          </button>
          <button className="btn primary" onClick={() => setDialog('new')}>
            New graph
          </button>
        </div>
      </div>

      {graphs.error && <div className="alert error">Could not load graphs: {errorMessage(graphs.error)}</div>}
      {exporter.error && <div className="alert error">Export failed: {errorMessage(exporter.error)}</div>}
      {graphs.isLoading && <div className="muted"><span className="spinner" /> Loading…</div>}
      {graphs.data && graphs.data.length === 0 &&
        (search ? (
          <div className="card empty">
            <h2>No graph matches “{search}”</h2>
            <p>The search looks at graph names.</p>
            <button className="btn" onClick={() => setSearch('')}>
              Clear search
            </button>
          </div>
        ) : (
          <div className="card empty">
            <h2>No graphs yet</h2>
            <p>Start from an example (ingest documents, answer questions), a template (a search API, an LLM answerer, two collections, sentence windows) or a blank canvas.</p>
            <button className="btn primary" onClick={() => setDialog('new')}>
              New graph
            </button>
          </div>
        ))}
      {graphs.data && graphs.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" aria-label="Graphs">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Latest version</th>
                <th className="num">Nodes</th>
                <th className="num">Runs</th>
                <th>Updated</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {graphs.data.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link href={`/graphs/${g.id}`} style={{ fontWeight: 600 }}>
                      {g.name}
                    </Link>
                    {g.description && (
                      <div className="muted small one-line" style={{ maxWidth: 420 }} title={g.description}>
                        {g.description}
                      </div>
                    )}
                  </td>
                  <td>
                    <span className="badge">{KIND_LABEL[g.kind]}</span>
                  </td>
                  <td>{g.latestVersion ? <span className="badge accent">v{g.latestVersion.number}</span> : <span className="muted small">draft only</span>}</td>
                  <td className="num">{g.nodeCount}</td>
                  <td className="num">{g.runCount}</td>
                  <td className="muted small nowrap">{timeAgo(g.updatedAt)}</td>
                  <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    <button className="btn ghost small" onClick={() => exporter.mutate(g.id)} aria-label={`Export ${g.name}`}>
                      Export
                    </button>
                    <button className="btn ghost small" onClick={() => setDuplicateOf({ id: g.id, name: `${g.name} (copy)` })} aria-label={`Duplicate ${g.name}`}>
                      Duplicate
                    </button>
                    <button className="btn ghost small" style={{ color: 'var(--danger)' }} onClick={() => setConfirmDelete({ id: g.id, name: g.name })} aria-label={`Delete ${g.name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog === 'new' && <NewGraphDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
      {duplicateOf && (
        <Dialog
          title="Duplicate graph"
          onClose={() => setDuplicateOf(null)}
          footer={
            <>
              <button className="btn" onClick={() => setDuplicateOf(null)}>Cancel</button>
              <button className="btn primary" disabled={duplicate.isPending || !duplicateOf.name.trim()} onClick={() => duplicate.mutate(duplicateOf)}>
                Duplicate
              </button>
            </>
          }
        >
          <div className="field">
            <label htmlFor="dup-name">Name of the copy</label>
            <input id="dup-name" className="input" value={duplicateOf.name} onChange={(e) => setDuplicateOf({ ...duplicateOf, name: e.target.value })} />
            <span className="hint">The copy starts with the current draft and no versions.</span>
          </div>
          {duplicate.error && <div className="alert error">{errorMessage(duplicate.error)}</div>}
        </Dialog>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete graph?"
          confirmLabel="Delete graph"
          onConfirm={() => remove.mutate({ id: confirmDelete.id })}
          onClose={() => setConfirmDelete(null)}
          pending={remove.isPending}
          error={remove.error}
        >
          <p style={{ marginTop: 0 }}>
            <strong>{confirmDelete.name}</strong> and all its versions, runs and endpoints will be deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
