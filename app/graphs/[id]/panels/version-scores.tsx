'use client';
import { formatDelta, formatScore, type VersionScore } from '../../../lib/evaluation-scores';
import { formatDateTime } from '../../../lib/format';

/** A version's retrieval scores, one line per dataset, each metric with its change since an older version. */
export function VersionScores({ scores }: { scores: VersionScore[] }) {
  return (
    <div className="version-scores">
      {scores.map((s) => (
        <div key={s.evaluationId} className="version-score" data-testid="version-score" title={`evaluated ${formatDateTime(s.createdAt)}${s.collection ? ` on collection “${s.collection}”` : ''}`}>
          <div className="version-score-head muted small">
            {s.dataset} · {s.queries.toLocaleString()} {s.queries === 1 ? 'query' : 'queries'}
            {s.failed > 0 && <span className="warn-text"> · {s.failed.toLocaleString()} failed</span>}
          </div>
          <dl className="version-metrics">
            {s.metrics.map((m) => (
              <div key={m.name} className="score">
                <dt className="muted">{m.label}</dt>
                <dd>
                  <strong>{formatScore(m.value)}</strong>
                  {m.delta !== undefined && (
                    <span className={m.delta > 0.0005 ? 'delta up' : m.delta < -0.0005 ? 'delta down' : 'delta'} title={`since v${m.since}`}>
                      {formatDelta(m.delta)}
                    </span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
