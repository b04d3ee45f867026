'use client';
import { useQuery } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { diffSpecs } from '../../../../nodes/core/diff';
import { Dialog } from '../../../components/ui/dialog';
import { buildDiffOverlay } from '../../../lib/editor/diff-overlay';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import { errorMessage } from '../../../lib/errors';
import { useTRPC } from '../../../lib/trpc';
import type { Versioning } from '../hooks/use-versioning';
import { DiffSummary } from '../panels/diff-summary';

/**
 * Someone saved a version after this draft's base: say so, show what differs between their version
 * and this draft, and let the user choose. Nothing is overwritten silently.
 */
export function ConflictDialog({ versioning }: { versioning: Versioning }) {
  const conflict = versioning.conflict!;
  const trpc = useTRPC();
  const store = useEditorStore();
  const flow = useReactFlow();
  const spec = useEditor((s) => s.spec);
  const theirs = useQuery(trpc.version.byId.queryOptions({ id: conflict.latestVersionId }));
  const diff = useMemo(() => (theirs.data ? diffSpecs(theirs.data.spec, spec) : null), [theirs.data, spec]);
  const [busy, setBusy] = useState<'save' | 'discard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const n = conflict.latestNumber;

  const run = async (kind: 'save' | 'discard') => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'save') {
        const version = await versioning.saveOnTopOfTheirs();
        if (version) store.getState().showHint(`Saved your draft as version ${version.number}, after version ${n}`, 'info');
      } else {
        await versioning.discardMine();
        store.getState().showHint(`Loaded version ${n}; your changes were discarded`, 'info');
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const showOnCanvas = () => {
    if (!diff) return;
    store.getState().setDiff(buildDiffOverlay(diff, `v${n} (theirs) → your draft`));
    store.getState().showPanel('history');
    versioning.dismissConflict();
    void flow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 });
  };

  return (
    <Dialog
      title={`Version ${n} was saved first`}
      wide
      onClose={versioning.dismissConflict}
      footer={
        <>
          <button type="button" className="btn" onClick={showOnCanvas} disabled={!diff}>
            View diff on canvas
          </button>
          <button type="button" className="btn danger" onClick={() => void run('discard')} disabled={busy !== null}>
            {busy === 'discard' ? 'Loading…' : `Discard mine, load v${n}`}
          </button>
          <button type="button" className="btn primary" onClick={() => void run('save')} disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : `Save mine as v${n + 1}`}
          </button>
        </>
      }
    >
      <p style={{ marginTop: 0 }}>
        Your draft started from {versioning.base ? `version ${versioning.base.number}` : 'no version'}, but version {n} was saved since (in another tab or by
        someone else{theirs.data?.createdBy && theirs.data.createdBy !== 'local' ? `: ${theirs.data.createdBy}` : ''}). Your draft is untouched. Choose how to
        continue:
      </p>
      <ul className="small">
        <li>
          <strong>Save mine as v{n + 1}</strong> keeps version {n} in history and puts your draft on top of it.
        </li>
        <li>
          <strong>Discard mine</strong> replaces your draft with version {n}.
        </li>
      </ul>
      <h3>Version {n} → your draft</h3>
      {theirs.isLoading && (
        <p className="muted small">
          <span className="spinner" /> Loading version {n}…
        </p>
      )}
      {theirs.error && <div className="alert error small">{errorMessage(theirs.error)}</div>}
      {diff && <DiffSummary diff={diff} />}
      {error && <div className="alert error">{error}</div>}
    </Dialog>
  );
}
