'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { StatusBadge } from '../../components/run/status-badge';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { isTerminal } from '../../components/run/types';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, plural, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { crawlLabel } from '../refresh-choices';
import { RefreshSelect } from '../refresh-select';
import { WebSourceSettingsDialog } from './web-source-settings';

/**
 * A collection's web sources: the addresses it was filled from, how often each is loaded again, how
 * its last load went; "Refresh now" loads one again, "Settings" changes how it crawls, "Remove" forgets
 * it (its pages stay). Hidden
 * while there are none.
 */
export function WebSourcesCard({ collection }: { collection: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sources = useQuery({
    ...trpc.collection.webSources.queryOptions({ name: collection }),
    // while a load runs, follow it until it ends
    refetchInterval: (query) => (query.state.data?.some(loading) ? 2000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.collection.webSources.queryKey({ name: collection }) });
  const loadNow = useMutation(trpc.collection.refreshWebSource.mutationOptions({ onSuccess: () => void refresh() }));
  const setRefresh = useMutation(trpc.collection.setWebSourceRefresh.mutationOptions({ onSuccess: () => void refresh() }));
  const [removing, setRemoving] = useState<{ id: string; urls: string[] } | null>(null);
  const [withPages, setWithPages] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation(
    trpc.collection.deleteWebSource.mutationOptions({
      onSuccess: () => {
        setRemoving(null);
        void refresh();
        // its pages may have gone with it
        void queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
      },
    }),
  );

  // a load that ended may have changed the documents: show them as they are now
  const running = sources.data?.filter(loading).length ?? 0;
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current > running) void queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
    wasRunning.current = running;
  }, [running, queryClient, trpc]);

  if (!sources.data?.length) return null;
  const editingSource = sources.data.find((s) => s.id === editing);
  const error = loadNow.error ?? setRefresh.error;
  return (
    <section className="card" aria-label="Web sources" data-testid="web-sources">
      <div className="card-body" style={{ paddingBottom: 8 }}>
        <h2 style={{ margin: 0 }}>Web sources</h2>
        <p className="muted small" style={{ margin: '4px 0 0' }}>
          Pages this collection was loaded from. Loading them again skips pages that did not change, replaces those that did, and removes those the site no longer has (404 or 410, or moved for good); a page that is only down for now stays.
        </p>
      </div>
      {error && (
        <div className="alert error" role="alert" style={{ margin: '0 16px 12px' }}>
          {errorMessage(error)}
        </div>
      )}
      <table className="table" aria-label="Web sources of the collection">
        <thead>
          <tr>
            <th>Addresses</th>
            <th>Load again</th>
            <th>Last loaded</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {sources.data.map((s) => (
            <tr key={s.id} data-testid="web-source">
              <td style={{ maxWidth: 420 }}>
                {s.urls.map((url) => (
                  <div key={url} className="mono small" style={{ overflowWrap: 'anywhere' }}>
                    {url}
                  </div>
                ))}
                <div className="muted small">
                  {crawlLabel(s.crawl)}
                  {s.graphName ? ` · by ${s.graphName}` : ''}
                </div>
              </td>
              <td>
                <RefreshSelect label={`Load ${s.urls[0]} again`} value={s.refreshHours} onChange={(refreshHours) => setRefresh.mutate({ id: s.id, refreshHours })} />
                {s.nextRunAt && (
                  <div className="muted small">next {formatDateTime(s.nextRunAt)}</div>
                )}
              </td>
              <td className="small">
                {s.lastRun ? (
                  <>
                    <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
                      <StatusBadge status={s.lastRun.status} />
                      <Link href={`/runs/${s.lastRun.id}`} title={formatDateTime(s.lastRunAt)}>
                        {timeAgo(s.lastRunAt)}
                      </Link>
                    </div>
                    {s.lastRun.outcome && (
                      <div className="muted small" data-testid="web-source-outcome">
                        {describeOutcome(s.lastRun.outcome)}
                      </div>
                    )}
                  </>
                ) : (
                  <span className="muted">{s.lastRunAt ? `${timeAgo(s.lastRunAt)} (run deleted)` : 'never'}</span>
                )}
              </td>
              <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                <button
                  type="button"
                  className="btn small"
                  disabled={loadNow.isPending || loading(s)}
                  onClick={() => loadNow.mutate({ id: s.id })}
                >
                  Refresh now
                </button>{' '}
                <button type="button" className="btn ghost small" onClick={() => setEditing(s.id)} aria-label={`Settings of the web source ${s.urls[0]}`}>
                  Settings
                </button>{' '}
                <button type="button" className="btn ghost small" style={{ color: 'var(--danger)' }} onClick={() => {
                    setWithPages(false);
                    setRemoving({ id: s.id, urls: s.urls });
                  }} aria-label={`Remove the web source ${s.urls[0]}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editingSource && (
        <WebSourceSettingsDialog
          source={editingSource}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove web source?"
          confirmLabel="Remove web source"
          onConfirm={() => remove.mutate({ id: removing.id, withPages })}
          onClose={() => setRemoving(null)}
          pending={remove.isPending}
          error={remove.error}
        >
          <p style={{ marginTop: 0 }}>
            <span className="mono">{removing.urls.join(', ')}</span> will no longer be loaded again, by hand or on schedule.
          </p>
          <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input type="checkbox" checked={withPages} onChange={(e) => setWithPages(e.target.checked)} />
            Also delete its pages from “{collection}” (those another web source also loads stay)
          </label>
          {!withPages && <p className="muted small">The pages already loaded stay in “{collection}”.</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** "12 pages · 1 removed · 2 could not be loaded" (the parts a load's output tells) */
function describeOutcome(outcome: { pages?: number; unloaded?: number; removed?: number }): string {
  const parts = [
    outcome.pages !== undefined ? plural(outcome.pages, 'page') : undefined,
    outcome.removed ? `${outcome.removed} removed` : undefined,
    outcome.unloaded ? `${outcome.unloaded} could not be loaded` : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Whether a source's last load is still queued or running. */
function loading(source: { lastRun: { status: string } | null }): boolean {
  return !!source.lastRun && !isTerminal(source.lastRun.status);
}
