'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import { errorMessage } from '../../../lib/errors';
import { useTRPC } from '../../../lib/trpc';
import type { Versioning } from '../hooks/use-versioning';

/**
 * Names the change and saves the draft as the next immutable version (refused while the graph has
 * problems). Warns when the version goes live on saving: endpoints that follow the latest version.
 */
export function SaveVersionDialog({ graphId, versioning, edited, onClose }: { graphId: string; versioning: Versioning; edited: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.endpoint.list.queryOptions({ graphId }));
  const following = (endpoints.data ?? []).filter((e) => e.enabled && e.versionId === null);
  const store = useEditorStore();
  const problems = useEditor((s) => s.issues.all);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const next = (versioning.base?.number ?? 0) + 1;
  const submit = async () => {
    setError(null);
    try {
      const version = await versioning.saveVersion(message.trim());
      if (version) store.getState().showHint(`Saved version ${version.number}`, 'info');
      onClose(); // on a conflict the conflict dialog takes over
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const blocked = problems.length > 0;
  return (
    <Dialog
      title={`Save version ${next}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn primary" disabled={blocked || versioning.saving} onClick={() => void submit()}>
            {versioning.saving ? 'Saving…' : `Save v${next}`}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) void submit();
        }}
      >
        {blocked ? (
          <div className="alert warn">
            <strong>
              Fix {problems.length} problem{problems.length === 1 ? '' : 's'} first.
            </strong>{' '}
            A version must pass validation so that it can run.
            <ul className="small">
              {problems.slice(0, 5).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
              {problems.length > 5 && <li>…and {problems.length - 5} more (see Problems).</li>}
            </ul>
          </div>
        ) : (
          !edited &&
          versioning.base && <div className="alert info small">The draft has no changes since v{versioning.base.number}; saving makes an identical version.</div>
        )}
        {!blocked && following.length > 0 && (
          <div className="alert warn small" data-testid="goes-live">
            Saving puts v{next} live: {following.length === 1 ? 'endpoint' : 'endpoints'}{' '}
            {following.map((e, i) => (
              <span key={e.id}>
                {i > 0 && ', '}
                <code>{e.slug}</code>
              </span>
            ))}{' '}
            {following.length === 1 ? 'serves' : 'serve'} the latest version. To stage it instead, pin {following.length === 1 ? 'it' : 'them'} to v{next - 1} on the Endpoints
            page first; v{next} can then go out as a canary.
          </div>
        )}
        <div className="field">
          <label htmlFor="version-message">What changed?</label>
          <textarea
            id="version-message"
            className="textarea"
            style={{ fontFamily: 'var(--font)', fontSize: 14 }}
            rows={3}
            maxLength={2000}
            placeholder="e.g. Hybrid retrieval, top 8"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !blocked) void submit();
            }}
          />
          <span className="hint">Versions are immutable: runs and endpoints refer to them. Ctrl+Enter saves.</span>
        </div>
        {error && <div className="alert error">{error}</div>}
      </form>
    </Dialog>
  );
}
