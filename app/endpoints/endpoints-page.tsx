'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PublishDialog } from '../components/publish/publish-dialog';
import { errorMessage } from '../lib/errors';
import { timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { ApiKeysSection } from './api-keys-section';
import { KindBadge, routingLabel } from './kind-badge';

/** Published endpoints and the API keys that call them. */
export function EndpointsPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const endpoints = useQuery(trpc.endpoint.list.queryOptions());
  const [publishing, setPublishing] = useState(false);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Endpoints</h1>
          <div className="subtitle">
            Saved graph versions served over HTTP and the OpenAI API. Every call is a run in the history. <a href="/api/v1/docs?signin">API reference</a>
          </div>
        </div>
        <div className="toolbar">
          <button className="btn primary" onClick={() => setPublishing(true)}>
            Publish a graph
          </button>
        </div>
      </div>

      {endpoints.error && <div className="alert error">Could not load endpoints: {errorMessage(endpoints.error)}</div>}
      {endpoints.isLoading && (
        <div className="muted">
          <span className="spinner" /> Loading…
        </div>
      )}
      {endpoints.data && endpoints.data.length === 0 && (
        <div className="card empty">
          <h2>No endpoints yet</h2>
          <p>Publish a saved version of a graph to call it over HTTP, from any OpenAI client, or to upload documents to it.</p>
          <button className="btn primary" onClick={() => setPublishing(true)}>
            Publish a graph
          </button>
        </div>
      )}
      {endpoints.data && endpoints.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" aria-label="Endpoints">
            <thead>
              <tr>
                <th>Endpoint</th>
                <th>Kind</th>
                <th>Graph</th>
                <th>Serving</th>
                <th>Status</th>
                <th className="num">Calls</th>
                <th>Last call</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/endpoints/${e.slug}`} className="nowrap" style={{ fontWeight: 600 }}>
                      {e.slug}
                    </Link>
                    {e.description && <div className="muted small">{e.description}</div>}
                  </td>
                  <td>
                    <KindBadge kind={e.kind} />
                  </td>
                  <td>
                    <Link href={`/graphs/${e.graphId}`}>{e.graphName}</Link>
                  </td>
                  <td className="small">{routingLabel(e)}</td>
                  <td>{e.enabled ? <span className="badge ok">live</span> : <span className="badge">unpublished</span>}</td>
                  <td className="num">{e.callCount}</td>
                  <td className="muted small nowrap">{timeAgo(e.lastCalledAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ApiKeysSection />

      {publishing && <PublishDialog onClose={() => setPublishing(false)} onPublished={(e) => router.push(`/endpoints/${e.slug}`)} />}
    </div>
  );
}
