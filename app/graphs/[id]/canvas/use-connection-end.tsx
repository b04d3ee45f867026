'use client';
import { useReactFlow, type FinalConnectionState, type OnConnectEnd } from '@xyflow/react';
import { useCallback, useState, type ReactNode } from 'react';
import { editorCatalog } from '../../../lib/editor/catalog';
import { explainRefusal } from '../../../lib/editor/explain-refusal';
import type { QuickAddOption } from '../../../lib/editor/quick-add';
import { useEditorStore } from '../../../lib/editor/react';
import type { OpenConnection } from '../../../lib/editor/store';
import { QuickAddMenu, type QuickAddRequest } from './quick-add-menu';
import { quickAddRequest } from './quick-add-request';

/**
 * What happens where a connection being drawn is let go: on empty canvas, the menu of node types
 * that can take its other end (`quickAddMenu`, to render on the canvas); on a port that refused it,
 * the reason, kept visible after the mouse is released.
 */
export function useConnectionEnd(): { onConnectEnd: OnConnectEnd; quickAddMenu: ReactNode } {
  const store = useEditorStore();
  const flow = useReactFlow();
  const [quickAdd, setQuickAdd] = useState<(QuickAddRequest & { from: OpenConnection; flowPoint: { x: number; y: number } }) | null>(null);
  const closeQuickAdd = useCallback(() => setQuickAdd(null), []);

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, connection: FinalConnectionState) => {
      const state = store.getState();
      // the pane holds the nodes too: a drop on a node's body, a panel or the minimap is not on empty canvas
      const target = event.target as Element | null;
      const onPane = !connection.toHandle && !!target?.closest?.('.react-flow__pane') && !target.closest('.react-flow__node, .react-flow__edge, .react-flow__panel');
      if (onPane && connection.fromHandle?.id && !state.diff) {
        const request = quickAddRequest(state.spec, connection.fromHandle.nodeId, connection.fromHandle.id, connection.fromHandle.type, event);
        if (typeof request === 'string') return state.showHint(request);
        if (request) setQuickAdd({ ...request, flowPoint: flow.screenToFlowPosition(request.client) });
        return;
      }
      if (connection.isValid !== false || !connection.toHandle || !connection.fromHandle) return;
      const reason = explainRefusal(state.spec, editorCatalog, connection.fromHandle, connection.toHandle);
      if (reason) state.showHint(`Connection refused: ${reason}`);
    },
    [store, flow],
  );

  const onQuickAddPick = useCallback(
    (option: QuickAddOption) => {
      if (!quickAdd) return;
      setQuickAdd(null);
      const state = store.getState();
      const { flowPoint, from } = quickAdd;
      // the new node's connected port lands by the cursor: its inputs are on its left, its outputs on its right
      const position = { x: from.side === 'output' ? flowPoint.x : flowPoint.x - 200, y: flowPoint.y - 50 };
      const verdict = state.addConnectedNode(option.definition, position, from, option.port);
      if (!verdict.ok) return state.showHint(`Connection refused: ${verdict.reason}`);
      state.showHint(`Added ${option.definition.title}, connected ${from.side === 'output' ? 'from' : 'to'} ${quickAdd.portLabel}`, 'info');
    },
    [store, quickAdd],
  );

  const menu = quickAdd && <QuickAddMenu request={quickAdd} onPick={onQuickAddPick} onClose={closeQuickAdd} />;
  return { onConnectEnd, quickAddMenu: menu };
}
