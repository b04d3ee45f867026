'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { formatDuration } from '../../components/run/input-summary';
import { StatusBadge } from '../../components/run/status-badge';
import { useTRPC } from '../../lib/trpc';

/** The endpoint's latest calls from the run history (refreshed every few seconds). */
export function RecentRuns({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.endpoint.recentRuns.queryOptions({ id: endpointId, limit: 20 }), refetchInterval: 5000 });
  return (
    <section style={{ marginTop: 28 }} aria-labelledby="runs-title">
      <div className="page-header" style={{ marginBottom: 10 }}>
        <h2 id="runs-title" style={{ margin: 0 }}>
          Recent calls
        </h2>
        <Link href={`/runs?endpoint=${endpointId}`} className="small">
          All calls in run history →
        </Link>
      </div>
      {runs.error && <div className="alert error">{errorMessage(runs.error)}</div>}
      {runs.data && runs.data.length === 0 && <div className="card card-body muted">No calls yet.</div>}
      {runs.data && runs.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" aria-label="Recent calls">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th>Version</th>
                <th>Key</th>
                <th className="num">Duration</th>
                <th>When</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/runs/${r.id}`} className="mono">
                      {r.id.slice(0, 8)}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={r.status} title={r.error?.message} />
                    {r.error && <div className="muted small one-line" style={{ maxWidth: 360 }} title={r.error.message}>{r.error.message}</div>}
                  </td>
                  <td>{r.versionNumber ? `v${r.versionNumber}` : '—'}</td>
                  <td>{r.apiKeyPrefix ? <code>{r.apiKeyPrefix}</code> : <span className="muted small">{r.source}</span>}</td>
                  <td className="num nowrap">{formatDuration(r.durationMs)}</td>
                  <td className="muted small nowrap">{timeAgo(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
