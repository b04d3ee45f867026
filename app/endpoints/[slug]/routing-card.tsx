'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RouterOutputs } from '../../lib/api-types';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { VersionOptions } from '../../components/ui/version-options';

type Endpoint = RouterOutputs['endpoint']['byId'];

/** What the routing form starts from: a card keyed by it starts over when the routing changes. */
export function routingKey(endpoint: Pick<Endpoint, 'versionId' | 'canaryVersionId' | 'canaryPercent'>): string {
  return `${endpoint.versionId ?? 'latest'}|${endpoint.canaryVersionId ?? 'none'}|${endpoint.canaryPercent}`;
}

/**
 * Main version (pinned or latest), canary version and share; rollback undoes the newest change. The
 * form starts from the endpoint's routing: the caller keys this card by that routing, so a change
 * made here (save, rollback) or anywhere else starts a fresh form once the endpoint reloads.
 */
export function RoutingCard({ endpoint, onChanged }: { endpoint: Endpoint; onChanged: () => void }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.version.list.queryOptions({ graphId: endpoint.graphId }));
  const [main, setMain] = useState(endpoint.versionId ?? 'latest');
  const [canary, setCanary] = useState(endpoint.canaryVersionId ?? 'none');
  // a new canary starts at 10 %; a staged one (0 %) keeps its 0
  const [percent, setPercent] = useState(endpoint.canaryVersionId ? String(endpoint.canaryPercent) : '10');
  const save = useMutation(trpc.endpoint.setRouting.mutationOptions({ onSuccess: onChanged }));
  const rollback = useMutation(trpc.endpoint.rollback.mutationOptions({ onSuccess: onChanged }));
  const live = endpoint.revisions.filter((r) => !r.revertedAt);
  const pct = Number(percent);
  const percentOk = canary === 'none' || (percent.trim() !== '' && Number.isInteger(pct) && pct >= 0 && pct <= 99);
  const changed = (endpoint.versionId ?? 'latest') !== main || (endpoint.canaryVersionId ?? 'none') !== canary || (canary !== 'none' && pct !== endpoint.canaryPercent);

  return (
    <div className="card card-body">
      <h2>Routing</h2>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate({
            id: endpoint.id,
            versionId: main === 'latest' ? null : main,
            canaryVersionId: canary === 'none' ? null : canary,
            canaryPercent: canary === 'none' ? 0 : pct,
          });
        }}
      >
        <div className="field">
          <label htmlFor="route-main">Serve</label>
          <select id="route-main" className="select" value={main} onChange={(ev) => setMain(ev.target.value)}>
            <option value="latest">Latest saved version{endpoint.latestVersion ? ` (now v${endpoint.latestVersion.number})` : ''}</option>
            <VersionOptions versions={versions.data} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="route-canary">Canary</label>
          <div style={{ display: 'flex', gap: 8 }}>
            <select id="route-canary" className="select" value={canary} onChange={(ev) => setCanary(ev.target.value)}>
              <option value="none">No canary</option>
              <VersionOptions versions={versions.data} numbersOnly />
            </select>
            {canary !== 'none' && (
              <label style={{ display: 'flex', alignItems: 'center', gap: 4, fontWeight: 400 }}>
                <input aria-label="Canary share in percent" className={percentOk ? 'input' : 'input invalid'} style={{ width: 64 }} inputMode="numeric" value={percent} onChange={(ev) => setPercent(ev.target.value)} />%
              </label>
            )}
          </div>
          <span className="hint">
            The canary version takes this share of calls (0–99 %); each run records which version served it. At 0 % it is staged: it serves no calls, and its
            scores can be compared with the main version&rsquo;s under Quality before it does.
          </span>
        </div>
        {save.error && <div className="alert error">{errorMessage(save.error)}</div>}
        {rollback.error && <div className="alert error">{errorMessage(rollback.error)}</div>}
        <div className="toolbar">
          <button type="submit" className="btn primary" disabled={!changed || !percentOk || save.isPending}>
            Apply routing
          </button>
          <button
            type="button"
            className="btn"
            disabled={live.length < 2 || rollback.isPending}
            onClick={() => rollback.mutate({ id: endpoint.id })}
            title={live.length < 2 ? 'Nothing earlier to roll back to' : `Back to: ${live[1]?.note}`}
          >
            Roll back
          </button>
        </div>
      </form>
      <h3 style={{ marginTop: 16 }}>History</h3>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Routing history">
        {endpoint.revisions.map((r, i) => (
          <li key={r.id} className="small" style={{ padding: '4px 0', borderTop: i ? '1px solid var(--border)' : undefined, opacity: r.revertedAt ? 0.55 : 1 }}>
            {r.note}
            {r.revertedAt ? <span className="badge" style={{ marginLeft: 6 }}>rolled back</span> : r.id === live[0]?.id ? <span className="badge ok" style={{ marginLeft: 6 }}>current</span> : null}
            <span className="muted"> · {timeAgo(r.createdAt)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
