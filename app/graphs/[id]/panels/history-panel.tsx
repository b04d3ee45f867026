'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import type { VersionSummary } from '../../../lib/api-types';
import { useEditorStore } from '../../../lib/editor/react';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime, timeAgo } from '../../../lib/format';
import { servedBy } from '../../../lib/served-by';
import { useTRPC } from '../../../lib/trpc';
import { useComparison } from '../hooks/use-comparison';
import { useEvaluations } from '../hooks/use-evaluations';
import type { Versioning } from '../hooks/use-versioning';
import { CompareWithSelect } from './compare-with-select';
import { ComparisonSection } from './comparison-section';
import { EvaluateDialog } from '../../../components/evaluation/evaluate-dialog';
import { EvaluationDetailsDialog, type LabelledEvaluation } from '../../../components/evaluation/evaluation-details-dialog';
import { EvaluationActivity, VersionScores } from './version-scores';

/**
 * Saved versions, each with its retrieval scores when it was evaluated: compare one with the draft on
 * the canvas or with another saved version, or restore it as a new version.
 */
export function HistoryPanel({ versioning }: { versioning: Versioning }) {
  const store = useEditorStore();
  const [error, setError] = useState<string | null>(null);
  const comparison = useComparison(versioning, setError);
  const [confirmRestore, setConfirmRestore] = useState<VersionSummary | null>(null);
  const { versions, base } = versioning;
  const evaluations = useEvaluations(versioning.graph.id, setError);
  const { scores, activity } = evaluations;
  const [evaluating, setEvaluating] = useState(false);
  const [details, setDetails] = useState<(LabelledEvaluation & { base?: LabelledEvaluation }) | null>(null);
  const canEvaluate = versioning.graph.kind === 'query' && (versions.data?.length ?? 0) > 0;
  // which versions the graph's endpoints serve, so a version's scores are read beside its role
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.endpoint.list.queryOptions({ graphId: versioning.graph.id }));
  const served = useMemo(() => servedBy(endpoints.data ?? []), [endpoints.data]);

  const restore = async (version: VersionSummary) => {
    setError(null);
    try {
      const saved = await versioning.restoreVersion(version.id);
      store.getState().setDiff(null);
      store.getState().showHint(`Restored version ${version.number} as version ${saved.number}`, 'info');
      setConfirmRestore(null);
    } catch (e) {
      setConfirmRestore(null);
      setError(`Restore failed: ${errorMessage(e)}`);
    }
  };

  return (
    <div className="history">
      {canEvaluate && (
        <div className="history-toolbar">
          <button type="button" className="btn small" onClick={() => setEvaluating(true)}>
            Evaluate…
          </button>
        </div>
      )}
      {error && <div className="alert error small">{error}</div>}
      <ComparisonSection />
      {versions.isLoading && (
        <p className="muted small">
          <span className="spinner" /> Loading versions…
        </p>
      )}
      {versions.error && <div className="alert error small">Could not load versions: {errorMessage(versions.error)}</div>}
      {versions.data?.length === 0 && <p className="muted small">No versions yet. “Save version” freezes the current draft as version 1; versions can be run and published, and never change.</p>}
      {versions.data && versions.data.length > 0 && (
        <ol className="versions" aria-label="Versions">
          {versions.data.map((v) => (
            <li key={v.id} className={v.id === base?.id ? 'version current' : 'version'} data-testid={`version-${v.number}`}>
              <div className="version-head">
                <span className="badge accent">v{v.number}</span>
                {v.id === base?.id && <span className="badge">base of draft</span>}
                {served.get(v.number)?.map((b) => (
                  <Link key={`${b.slug} ${b.role}`} href={`/endpoints/${b.slug}`} className={b.role === 'main' ? 'badge ok' : 'badge'} title={b.title} data-testid="served-by">
                    {b.label}
                  </Link>
                ))}
                <span className="muted small" title={formatDateTime(v.createdAt)}>
                  {timeAgo(v.createdAt)}
                </span>
              </div>
              <div className={v.message ? 'version-message' : 'version-message muted'}>{v.message || 'No message'}</div>
              {scores.has(v.id) && (
                <VersionScores
                  scores={scores.get(v.id)!}
                  runsHref={`/runs?graph=${versioning.graph.id}&version=${v.id}&source=eval`}
                  onDetails={(score) => setDetails({ evaluationId: score.evaluationId, label: `v${v.number}`, base: score.base && { evaluationId: score.base.evaluationId, label: `v${score.base.versionNumber}` } })}
                />
              )}
              {activity.has(v.id) && (
                <EvaluationActivity
                  rows={activity.get(v.id)!}
                  busy={evaluations.busy}
                  onCancel={evaluations.cancel}
                  onDismiss={evaluations.dismiss}
                />
              )}
              <div className="version-actions">
                <button type="button" className="btn small" onClick={() => void comparison.withDraft(v)} disabled={comparison.loading !== null} aria-label={`Compare version ${v.number} with the draft`} title="Compare with the current draft, on the canvas">
                  {comparison.loading?.versionId === v.id && comparison.loading.with === 'draft' ? 'Loading…' : 'Compare'}
                </button>
                <button type="button" className="btn small" onClick={() => setConfirmRestore(v)} aria-label={`Restore version ${v.number}`}>
                  Restore
                </button>
                <CompareWithSelect
                  version={v}
                  versions={versions.data!}
                  loading={comparison.loading?.versionId === v.id && comparison.loading.with === 'version'}
                  disabled={comparison.loading !== null}
                  onPick={(other) => void comparison.withVersion(v, other)}
                />
              </div>
            </li>
          ))}
        </ol>
      )}
      {evaluations.list.error && <div className="alert error small">Could not load evaluations: {errorMessage(evaluations.list.error)}</div>}
      {canEvaluate && evaluations.list.data?.length === 0 && (
        <p className="history-hint muted small">
          <strong>Evaluate…</strong> scores a version on a dataset of judged queries (BEIR files, kept in <Link href="/datasets">Datasets</Link>), so you see its nDCG and recall here and how they change between versions. From a shell:{' '}
          <code>npm run rag -- eval --graph &quot;{versioning.graph.name}@{versions.data![0]!.number}&quot; --collection NAME --queries queries.jsonl --qrels qrels.tsv</code>
        </p>
      )}
      {details && <EvaluationDetailsDialog {...details} onClose={() => setDetails(null)} />}
      {evaluating && versions.data && (
        <EvaluateDialog
          versions={versions.data}
          initialVersionId={base?.id ?? versions.data[0]!.id}
          // the dataset this graph was last evaluated on, so the next version is scored on the same
          preferredDatasetId={evaluations.list.data?.find((e) => e.datasetId)?.datasetId ?? null}
          onClose={() => setEvaluating(false)}
          onStarted={() => {
            setEvaluating(false);
            evaluations.refresh();
          }}
        />
      )}
      {confirmRestore && (
        <ConfirmDialog
          title={`Restore version ${confirmRestore.number}?`}
          confirmLabel={versioning.restoring ? 'Restoring…' : `Restore as v${(versions.data?.[0]?.number ?? 0) + 1}`}
          tone="primary"
          onConfirm={() => void restore(confirmRestore)}
          onClose={() => setConfirmRestore(null)}
          pending={versioning.restoring}
        >
          <p style={{ marginTop: 0 }}>
            History is never rewritten: version {confirmRestore.number}’s graph is saved as a new version on top of v{base?.number ?? '—'}, and becomes the draft.
          </p>
          <p className="muted small">Changes in the current draft that are not in a version will be replaced. Save them as a version first if you want to keep them.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
