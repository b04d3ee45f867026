'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { EvaluateDialog } from '../../components/evaluation/evaluate-dialog';
import { deltaDirection, formatDelta, formatScore, metricLabel } from '../../lib/evaluation-scores';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { servedQuality, type ServedScore } from '../../lib/served-quality';
import { useTRPC } from '../../lib/trpc';
import { CardSection } from './card-section';

const METRICS = ['ndcg10', 'recall100', 'mrr10'];

/**
 * The retrieval scores of the versions the endpoint serves, per dataset: main beside the canary
 * (even a 0 % one, which serves no calls yet), so a canary is judged on what it retrieves as well as
 * on its errors and latency before it gets every call.
 */
export function QualityCard({ graphId, slug, mainVersion, canaryVersion }: { graphId: string; slug: string; mainVersion: number | null; canaryVersion: number | null }) {
  const trpc = useTRPC();
  // pipelines start evaluations from outside the page: poll, faster while one runs
  const evaluations = useQuery({ ...trpc.evaluation.list.queryOptions({ graphId }), refetchInterval: (q) => (q.state.data?.some((e) => e.status === 'running') ? 3000 : 10_000) });
  const versions = useQuery(trpc.version.list.queryOptions({ graphId }));
  const [evaluating, setEvaluating] = useState(false);
  const quality = evaluations.data ? servedQuality(evaluations.data, mainVersion, canaryVersion) : null;
  const withCanary = canaryVersion !== null;
  // the versions it serves, the canary first when no dataset has scored it yet (it is what awaits a verdict)
  const served = versions.data?.filter((v) => v.number === mainVersion || v.number === canaryVersion) ?? [];
  const canaryUnscored = withCanary && !quality?.rows.some((r) => r.canary);
  const first = served.find((v) => v.number === (canaryUnscored ? canaryVersion : mainVersion)) ?? served[0];
  return (
    <CardSection
      id="quality-title"
      title="Quality"
      actions={
        <button type="button" className="btn small" disabled={!first} onClick={() => setEvaluating(true)}>
          Evaluate…
        </button>
      }
    >
      {evaluating && first && (
        <EvaluateDialog
          versions={served}
          initialVersionId={first.id}
          preferredDatasetId={quality?.rows.find((r) => r.datasetId)?.datasetId ?? null}
          onClose={() => setEvaluating(false)}
          onStarted={() => {
            setEvaluating(false);
            void evaluations.refetch();
          }}
        />
      )}
      {evaluations.error && <div className="alert error small">Could not load evaluations: {errorMessage(evaluations.error)}</div>}
      {quality?.running.map((e) => (
        <p key={e.id} className="muted small" data-testid="quality-running">
          <span className="spinner" /> Evaluating v{e.versionNumber} on {e.dataset} · {e.done.toLocaleString()} / {e.queries.toLocaleString()} queries
        </p>
      ))}
      {quality && quality.rows.length === 0 && (
        <p className="muted small" style={{ marginBottom: 0 }}>
          No scores for the versions it serves yet. Evaluate {mainVersion === null ? 'a version' : `v${mainVersion}`}
          {withCanary ? ` or the canary v${canaryVersion}` : ''} on a <Link href="/datasets">dataset</Link> of judged queries here, or from a pipeline with{' '}
          <code>POST /api/v1/endpoints/{slug}/evaluations</code>.
        </p>
      )}
      {quality && quality.rows.length > 0 && (
        <table className="table" aria-label="Scores of the served versions">
          <thead>
            <tr>
              <th>Dataset</th>
              <th>Main{mainVersion !== null ? ` · v${mainVersion}` : ''}</th>
              {withCanary && <th>Canary · v{canaryVersion}</th>}
            </tr>
          </thead>
          <tbody>
            {quality.rows.map((row) => (
              <tr key={`${row.dataset} ${row.collection}`} data-testid="quality-row">
                <td>
                  {row.datasetId ? <Link href={`/datasets/${row.datasetId}`}>{row.dataset}</Link> : row.dataset}
                  {row.collection && <div className="muted small">{row.collection}</div>}
                </td>
                <td>
                  <Scores score={row.main} />
                </td>
                {withCanary && (
                  <td>
                    <Scores score={row.canary} delta={row.delta} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </CardSection>
  );
}

function Scores({ score, delta }: { score?: ServedScore; delta?: Record<string, number> }) {
  if (!score) return <span className="muted small">not scored</span>;
  const names = METRICS.filter((name) => name in score.metrics);
  return (
    <dl className="version-metrics" title={`evaluated ${formatDateTime(score.createdAt)}`}>
      {names.map((name) => (
        <div key={name} className="score">
          <dt className="muted">{metricLabel(name)}</dt>
          <dd>
            <strong>{formatScore(score.metrics[name]!)}</strong>
            {delta?.[name] !== undefined && (
              <span className={`delta ${deltaDirection(delta[name])}`} title="against main">
                {formatDelta(delta[name])}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
