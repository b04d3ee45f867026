'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/publish/copy-button';
import { SnippetTabs } from '../../components/publish/snippet-tabs';
import { snippetsFor } from '../../components/publish/snippets';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { ApiKeysSection } from '../api-keys-section';
import { KindBadge, routingLabel } from '../kind-badge';
import { QualityCard } from './quality-card';
import { RecentRuns } from './recent-runs';
import { routingKey, RoutingCard } from './routing-card';
import { TrafficCard } from './traffic-card';
import { TryCard } from './try-card';

/** One endpoint: how to call it, its routing and history, its keys and its latest calls. */
export function EndpointDetail({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const endpoint = useQuery(trpc.endpoint.bySlug.queryOptions({ slug }));
  const [origin, setOrigin] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.endpoint.pathKey() });
  const unpublish = useMutation(trpc.endpoint.unpublish.mutationOptions({ onSuccess: refresh }));
  const republish = useMutation(trpc.endpoint.republish.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.endpoint.delete.mutationOptions({ onSuccess: () => router.push('/endpoints') }));

  if (endpoint.isLoading) {
    return (
      <div className="page muted">
        <span className="spinner" /> Loading…
      </div>
    );
  }
  if (endpoint.error || !endpoint.data) {
    return (
      <div className="page">
        <div className="alert error">{errorMessage(endpoint.error) || 'Not found'}</div>
        <Link href="/endpoints">← Endpoints</Link>
      </div>
    );
  }
  const e = endpoint.data;
  const url = `${origin}/api/v1/endpoints/${e.slug}`;
  const actionError = unpublish.error ?? republish.error;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <div className="small">
            <Link href="/endpoints">← Endpoints</Link>
          </div>
          <h1 style={{ display: 'flex', gap: 10, alignItems: 'center', marginTop: 4 }}>
            {e.slug} <KindBadge kind={e.kind} />
            {e.enabled ? <span className="badge ok">live</span> : <span className="badge">unpublished</span>}
          </h1>
          <div className="subtitle">
            Graph <Link href={`/graphs/${e.graphId}`}>{e.graphName}</Link> · serving {routingLabel(e)}
            {e.description ? ` · ${e.description}` : ''}
          </div>
        </div>
        <div className="toolbar">
          {e.enabled ? (
            <button className="btn" disabled={unpublish.isPending} onClick={() => unpublish.mutate({ id: e.id })} title="Calls get 404 until you republish; keys and history stay">
              Unpublish
            </button>
          ) : (
            <button className="btn primary" disabled={republish.isPending} onClick={() => republish.mutate({ id: e.id })}>
              Republish
            </button>
          )}
          <button className="btn danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        </div>
      </div>
      {actionError && <div className="alert error">{errorMessage(actionError)}</div>}
      {!e.enabled && <div className="alert warn">This endpoint is unpublished: calls get 404. Its keys, routing and history are kept.</div>}

      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(300px, 2fr)', gap: 16, alignItems: 'start' }}>
        <div className="card card-body">
          <h2>Call it</h2>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 10 }}>
            <code style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="endpoint-url">
              POST {url}
            </code>
            <CopyButton text={url} label="Copy URL" />
          </div>
          <SnippetTabs snippets={snippetsFor({ origin, slug: e.slug, kind: e.kind, collection: e.capabilities?.ingestionCollections[0], webPages: e.capabilities?.webPages })} />
          <details style={{ marginTop: 12 }}>
            <summary>Request and response schemas</summary>
            <h3 style={{ marginTop: 10 }}>Request body</h3>
            <pre>{JSON.stringify(e.inputSchema, null, 2)}</pre>
            <h3 style={{ marginTop: 10 }}>output</h3>
            <pre>{JSON.stringify(e.outputSchema, null, 2)}</pre>
          </details>
        </div>
        <RoutingCard key={routingKey(e)} endpoint={e} onChanged={refresh} />
      </div>

      {takesQuestion(e.inputSchema) && e.enabled && <TryCard slug={e.slug} mainVersion={e.servedVersionNumber} canaryVersion={e.canaryVersionNumber} />}
      <TrafficCard endpointId={e.id} mainVersion={e.servedVersionNumber} canaryVersion={e.canaryPercent > 0 ? e.canaryVersionNumber : null} />
      {/* ingestion and embedder graphs return no ranking: there is nothing to score */}
      {e.kind !== 'ingestion' && e.kind !== 'embedder' && <QualityCard graphId={e.graphId} slug={e.slug} mainVersion={e.servedVersionNumber} canaryVersion={e.canaryVersionNumber} />}
      <RecentRuns endpointId={e.id} />
      <ApiKeysSection scopeTo={{ id: e.id, slug: e.slug }} />

      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${e.slug}?`}
          confirmLabel="Delete endpoint"
          onConfirm={() => remove.mutate({ id: e.id })}
          onClose={() => setConfirmDelete(false)}
          pending={remove.isPending}
          error={remove.error}
        >
          <p>The slug is freed and calls get 404. Past calls stay in the run history. To stop calls but keep everything, unpublish instead.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Whether the endpoint's input has a question field (chat and search graphs): what Try it sends. */
function takesQuestion(inputSchema: unknown): boolean {
  const properties = (inputSchema as { properties?: Record<string, unknown> } | null)?.properties;
  return !!properties && 'query' in properties && !('files' in properties);
}
