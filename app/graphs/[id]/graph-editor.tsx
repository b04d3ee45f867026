'use client';
import '@xyflow/react/dist/style.css';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { specHash } from '../../../nodes/core/spec-hash';
import type { GraphDetail } from '../../lib/api-types';
import { editorCatalog } from '../../lib/editor/catalog';
import { EditorStoreProvider, useEditor } from '../../lib/editor/react';
import { createEditorStore, type EditorStore } from '../../lib/editor/store';
import { errorCode, errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { Canvas } from './canvas/canvas';
import { ConflictDialog } from './dialogs/conflict-dialog';
import { SaveVersionDialog } from './dialogs/save-version-dialog';
import { ShortcutsDialog } from './dialogs/shortcuts-dialog';
import { EditorHeader } from './editor-header';
import { useAutosave } from './hooks/use-autosave';
import { useRefitOnFold } from './hooks/use-refit-on-fold';
import { restorePanelFold, usePaletteOpen, useRememberPanelFold } from './hooks/use-remembered-folds';
import { useShortcuts } from './hooks/use-shortcuts';
import { useVersioning } from './hooks/use-versioning';
import { Palette } from './palette';
import { SidePanel } from './panels/side-panel';
import { HeaderActionsSlot, RunPanelSlot, type EditorSlotProps } from './slots';

/** /graphs/[id]: loads the graph once, then hands its draft to an editing session. */
export function GraphEditor({ graphId }: { graphId: string }) {
  const trpc = useTRPC();
  // The draft is loaded once per visit: from then on the editor owns it and autosaves it. gcTime 0
  // drops it on leaving, so coming back loads the saved draft instead of a stale cached one.
  const graph = useQuery(
    trpc.graph.byId.queryOptions({ id: graphId }, { staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false }),
  );
  if (graph.isLoading) {
    return (
      <div className="page muted">
        <span className="spinner" /> Loading graph…
      </div>
    );
  }
  if (graph.error || !graph.data) {
    const missing = errorCode(graph.error) === 'NOT_FOUND' || errorCode(graph.error) === 'BAD_REQUEST';
    return (
      <div className="page">
        <div className="alert error">{missing ? 'This graph does not exist (it may have been deleted).' : `Could not load the graph: ${errorMessage(graph.error)}`}</div>
        <Link href="/graphs" className="btn">
          ← All graphs
        </Link>
      </div>
    );
  }
  return <EditorSession key={graph.data.id} graph={graph.data} />;
}

function EditorSession({ graph }: { graph: GraphDetail }) {
  const [store] = useState<EditorStore>(() => restorePanelFold(createEditorStore(graph.draft, editorCatalog)));
  return (
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <EditorLayout graph={graph} store={store} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}

function EditorLayout({ graph, store }: { graph: GraphDetail; store: EditorStore }) {
  const autosave = useAutosave(graph.id, store);
  const versioning = useVersioning(graph, store, autosave.flush);
  const [dialog, setDialog] = useState<'save' | 'shortcuts' | null>(null);
  const spec = useEditor((s) => s.spec);
  const issues = useEditor((s) => s.issues);
  const hash = useMemo(() => specHash(spec), [spec]);
  const edited = versioning.base ? versioning.base.specHash !== hash : spec.nodes.length > 0;
  const handlers = useMemo(() => ({ onSaveVersion: () => setDialog('save'), onShowHelp: () => setDialog('shortcuts') }), []);
  useShortcuts(store, handlers);
  const slot: EditorSlotProps = { graph, spec, baseVersion: versioning.base, issues, flushDraft: autosave.flush };
  const [paletteOpen, setPaletteOpen] = usePaletteOpen(useNarrowWindow());
  useRememberPanelFold(store);
  useRefitOnFold(paletteOpen);

  return (
    <div className="editor">
      <EditorHeader
        graph={graph}
        base={versioning.base}
        edited={edited}
        autosave={autosave}
        actions={<HeaderActionsSlot {...slot} />}
        onSaveVersion={() => setDialog('save')}
        onShowShortcuts={() => setDialog('shortcuts')}
      />
      <div className="editor-body">
        <Palette open={paletteOpen} onOpenChange={setPaletteOpen} />
        <div className="editor-center">
          <Canvas />
          <RunPanelSlot {...slot} />
        </div>
        <SidePanel versioning={versioning} />
      </div>
      {dialog === 'save' && <SaveVersionDialog graphId={graph.id} versioning={versioning} edited={edited} onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {versioning.conflict && <ConflictDialog versioning={versioning} />}
    </div>
  );
}

/** Below 1200 px wide (as the CSS's narrow layout: icon-only sidebar, narrower side panel). */
const NARROW = '(max-width: 1199px)';
function subscribeNarrow(onChange: () => void) {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
function useNarrowWindow() {
  return useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW).matches, () => false);
}
