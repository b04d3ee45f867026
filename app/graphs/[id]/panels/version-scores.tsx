'use client';
import Link from 'next/link';
import { deltaDirection, formatDelta, formatScore, type EvaluationRow, type VersionScore } from '../../../lib/evaluation-scores';
import { formatDateTime } from '../../../lib/format';

/** A version's retrieval scores, one line per dataset, each metric with its change since an older version. */
export function VersionScores({ scores, runsHref, onDetails }: { scores: VersionScore[]; runsHref: string; onDetails: (score: VersionScore) => void }) {
  return (
    <div className="version-scores">
      {scores.map((s) => (
        <div key={s.evaluationId} className="version-score" data-testid="version-score" title={`evaluated ${formatDateTime(s.createdAt)}${s.collection ? ` on collection “${s.collection}”` : ''}${s.error ? `\n${s.error}` : ''}`}>
          <div className="version-score-head muted small">
            {s.datasetId ? (
              <Link href={`/datasets/${s.datasetId}`} title="Every version scored on this dataset">
                {s.dataset}
              </Link>
            ) : (
              s.dataset
            )}{' '}
            · {s.queries.toLocaleString()} {s.queries === 1 ? 'query' : 'queries'}
            {s.failed > 0 && <span className="warn-text"> · {s.failed.toLocaleString()} failed</span>}
            <span className="version-score-links">
              <button type="button" className="link-button" onClick={() => onDetails(s)} aria-label={`Queries of the evaluation on ${s.dataset}`}>
                Queries
              </button>
              <Link href={runsHref} title="The runs of this version's evaluations">
                Runs
              </Link>
            </span>
          </div>
          <dl className="version-metrics">
            {s.metrics.map((m) => (
              <div key={m.name} className="score">
                <dt className="muted">{m.label}</dt>
                <dd>
                  <strong>{formatScore(m.value)}</strong>
                  {m.delta !== undefined && (
                    <span className={`delta ${deltaDirection(m.delta)}`} title={`since v${m.since}`}>
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

/** A version's evaluations under way (with progress and Cancel) or failed last (with the reason and Dismiss). */
export function EvaluationActivity({ rows, onCancel, onDismiss, busy }: { rows: EvaluationRow[]; onCancel: (id: string) => void; onDismiss: (id: string) => void; busy: boolean }) {
  return (
    <div className="version-scores">
      {rows.map((e) =>
        e.status === 'running' ? (
          <div key={e.id} className="version-score" data-testid="evaluation-running">
            <div className="version-score-head muted small">
              <span className="spinner" /> Evaluating {e.dataset} · {e.done.toLocaleString()} / {e.queries.toLocaleString()} queries
            </div>
            <progress className="evaluation-progress" max={e.queries} value={e.done} aria-label={`Evaluation progress on ${e.dataset}`} />
            <button type="button" className="btn small" disabled={busy} onClick={() => onCancel(e.id)}>
              Cancel evaluation
            </button>
          </div>
        ) : (
          <div key={e.id} className="version-score failed" data-testid="evaluation-failed">
            <div className="error-text">
              Evaluation on {e.dataset} failed: {e.error}
            </div>
            <button type="button" className="btn small" disabled={busy} onClick={() => onDismiss(e.id)}>
              Dismiss
            </button>
          </div>
        ),
      )}
    </div>
  );
}
