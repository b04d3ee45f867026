'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDuration } from '../../components/run/input-summary';
import type { RouterOutputs } from '../../lib/api-types';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { CardSection } from './card-section';
import { TrafficChart } from './traffic-chart';

type Traffic = RouterOutputs['endpoint']['traffic'];
type Window = Traffic['window'];
const WINDOWS: { value: Window; label: string }[] = [
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
];

const errorRate = (s: { calls: number; failed: number }) => (s.calls === 0 ? '—' : `${((100 * s.failed) / s.calls).toFixed(s.failed && s.failed * 1000 < s.calls ? 2 : 1)}%`);

/**
 * The endpoint's traffic: calls and failures over the last day or week, latency percentiles, and the
 * same per version, so a canary's errors and latency sit beside the main version's.
 */
export function TrafficCard({ endpointId, mainVersion, canaryVersion }: { endpointId: string; mainVersion: number | null; canaryVersion: number | null }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<Window>('24h');
  const traffic = useQuery({ ...trpc.endpoint.traffic.queryOptions({ id: endpointId, window: range }), refetchInterval: 10_000, placeholderData: (previous) => previous });
  const t = traffic.data;
  const role = (version: number) => (version === canaryVersion ? 'canary' : version === mainVersion ? 'main' : 'earlier');
  return (
    <CardSection
      id="traffic-title"
      title="Traffic"
      actions={
        <div className="segmented" role="group" aria-label="Window">
          {WINDOWS.map((w) => (
            <button key={w.value} type="button" className={range === w.value ? 'btn small active' : 'btn small'} aria-pressed={range === w.value} onClick={() => setRange(w.value)}>
              {w.label}
            </button>
          ))}
        </div>
      }
    >
      {traffic.error && <div className="alert error small">Could not load traffic: {errorMessage(traffic.error)}</div>}
      {t && (
        <>
          <dl className="traffic-totals" data-testid="traffic-totals">
            <div>
              <dt>Calls</dt>
              <dd>{t.total.calls.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Errors</dt>
              <dd className={t.total.failed > 0 ? 'warn-text' : undefined}>{errorRate(t.total)}</dd>
            </div>
            <div>
              <dt>p50 latency</dt>
              <dd>{formatDuration(t.total.p50Ms)}</dd>
            </div>
            <div>
              <dt>p95 latency</dt>
              <dd>{formatDuration(t.total.p95Ms)}</dd>
            </div>
            {t.total.inFlight > 0 && (
              <div>
                <dt>In flight</dt>
                <dd>{t.total.inFlight.toLocaleString()}</dd>
              </div>
            )}
          </dl>
          <TrafficChart buckets={t.buckets} bucketMinutes={t.bucketMinutes} label={`Calls per ${t.bucketMinutes / 60} h over the last ${WINDOWS.find((w) => w.value === t.window)!.label}`} />
          {t.total.calls === 0 ? (
            <p className="muted small" style={{ marginBottom: 0 }}>
              No calls in the last {WINDOWS.find((w) => w.value === t.window)!.label}. Call the endpoint with one of the snippets above.
            </p>
          ) : (
            <table className="table" aria-label="Traffic per version">
              <thead>
                <tr>
                  <th>Version</th>
                  <th className="num">Calls</th>
                  <th className="num">Errors</th>
                  <th className="num">p50</th>
                  <th className="num">p95</th>
                </tr>
              </thead>
              <tbody>
                {t.byVersion.map((v) => (
                  <tr key={v.versionId} data-testid="traffic-version">
                    <td>
                      <span className="badge accent">v{v.versionNumber}</span> <span className="muted small">{role(v.versionNumber)}</span>
                    </td>
                    <td className="num">{v.calls.toLocaleString()}</td>
                    <td className={v.failed > 0 ? 'num warn-text' : 'num'}>{errorRate(v)}</td>
                    <td className="num">{formatDuration(v.p50Ms)}</td>
                    <td className="num">{formatDuration(v.p95Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </CardSection>
  );
}
