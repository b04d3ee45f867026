'use client';
import { NodeToolbar, Position } from '@xyflow/react';
import { useRunPanelState } from '../../../components/run/run-panel-state';
import { useEditorStore } from '../../../lib/editor/react';

/**
 * Above a node selected alone: the actions people reach for on it (as Langflow and Dify put them
 * there), the same ones the inspector and the keyboard offer.
 */
export function SelectedNodeToolbar({ nodeId, canRunUpTo }: { nodeId: string; canRunUpTo: boolean }) {
  const store = useEditorStore();
  const onNode = (action: () => void) => () => {
    store.getState().select([nodeId], []);
    action();
  };
  return (
    // offset past the run status badge drawn over a node's top edge; from its left edge, as nodes near
    // the canvas' left edge would cut a centred toolbar
    <NodeToolbar position={Position.Top} align="start" offset={26} className="node-toolbar" aria-label={`Actions on ${nodeId}`}>
      {canRunUpTo && (
        <button type="button" className="btn small" onClick={() => useRunPanelState.getState().runUpTo(nodeId)} title="Run this node and the nodes that feed it">
          ▶ Run up to here
        </button>
      )}
      <button type="button" className="btn small" onClick={onNode(() => store.getState().duplicate())} title="Duplicate (Ctrl+D)">
        Duplicate
      </button>
      <button type="button" className="btn small danger" onClick={onNode(() => store.getState().deleteSelection())} title="Delete (Delete)">
        Delete
      </button>
    </NodeToolbar>
  );
}
