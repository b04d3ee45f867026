'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import type { GraphDetail } from '../../lib/api-types';
import { useEditor } from '../../lib/editor/react';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import type { Autosave } from './hooks/use-autosave';
import type { BaseVersion } from './hooks/use-versioning';

interface HeaderProps {
  graph: GraphDetail;
  base: BaseVersion | null;
  edited: boolean;
  autosave: Autosave;
  actions: ReactNode;
  onSaveVersion(): void;
  onShowShortcuts(): void;
}

/** Name (rename in place), version badge, draft save status, validation status and the main actions. */
export function EditorHeader(props: HeaderProps) {
  const { base, edited } = props;
  const problems = useEditor((s) => s.issues.all.length);
  const historyShown = useEditor((s) => s.panelOpen && s.panel === 'history');
  const showPanel = useEditor((s) => s.showPanel);
  return (
    <header className="editor-header">
      <Link href="/graphs" className="btn ghost small" aria-label="Back to graphs">
        ← Graphs
      </Link>
      <GraphName graph={props.graph} />
      <span className={base ? 'badge accent' : 'badge'} data-testid="version-badge" title={base ? `The draft builds on version ${base.number}` : 'No version saved yet'}>
        {base ? `v${base.number}` : 'no versions'}
      </span>
      {base && edited && (
        <span className="badge warn" title={`The draft differs from version ${base.number}`}>
          edited
        </span>
      )}
      <SaveStatus autosave={props.autosave} />
      <div className="editor-header-actions">
        <button
          type="button"
          className={problems ? 'btn small validation warn' : 'btn small validation ok'}
          onClick={() => showPanel('problems')}
          data-testid="validation-status"
          aria-label={problems ? `${problems} problems: show them` : 'The graph is valid: show checks'}
        >
          {problems ? `⚠ ${problems} problem${problems === 1 ? '' : 's'}` : '✓ Valid'}
        </button>
        {props.actions}
        <button type="button" className="btn small ghost" onClick={props.onShowShortcuts} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
        <button type="button" className={historyShown ? 'btn small active' : 'btn small'} onClick={() => showPanel(historyShown ? 'inspector' : 'history')} aria-pressed={historyShown}>
          History
        </button>
        <button type="button" className="btn primary small" onClick={props.onSaveVersion} title="Save version (Ctrl+S)">
          Save version
        </button>
      </div>
    </header>
  );
}

function SaveStatus({ autosave }: { autosave: Autosave }) {
  const text = { saved: 'Saved', pending: 'Unsaved changes', saving: 'Saving…', error: 'Not saved' }[autosave.status];
  return (
    <span className={`save-status ${autosave.status}`} role="status" data-testid="save-status" title={autosave.error ?? 'Drafts save automatically'}>
      {autosave.status === 'saving' && <span className="spinner" aria-hidden />}
      {text}
      {autosave.status === 'error' && (
        <button type="button" className="btn small" onClick={() => void autosave.flush().catch(() => undefined)}>
          Retry
        </button>
      )}
    </span>
  );
}

/** The graph's name as an inline field: Enter or leaving the field renames, Escape reverts. */
function GraphName({ graph }: { graph: GraphDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(graph.name);
  const [saved, setSaved] = useState(graph.name);
  const rename = useMutation(
    trpc.graph.update.mutationOptions({
      onSuccess: (g) => {
        setSaved(g.name);
        setName(g.name);
        void queryClient.invalidateQueries({ queryKey: trpc.graph.list.queryKey() });
      },
    }),
  );
  const commit = () => {
    const next = name.trim();
    if (!next) return setName(saved);
    if (next !== saved) rename.mutate({ id: graph.id, name: next });
  };
  return (
    <div className="graph-name">
      <input
        className={rename.error ? 'graph-name-input invalid' : 'graph-name-input'}
        aria-label="Graph name"
        value={name}
        maxLength={100}
        size={Math.max(8, Math.min(40, name.length + 1))}
        onChange={(e) => {
          setName(e.target.value);
          rename.reset();
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setName(saved);
            rename.reset();
          }
        }}
      />
      {rename.error && (
        <span className="error-text graph-name-error" role="alert">
          {errorMessage(rename.error)}
        </span>
      )}
    </div>
  );
}
