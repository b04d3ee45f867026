'use client';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import type { GraphSpec } from '../../../nodes/core/spec';
import type { NodeStatusSummary } from './live-run';
import { NodeStatusStyles } from './node-status-styles';
import { RunPanel } from './run-panel';
import { useRememberedHeight } from './run-panel-resize';
import { useRunPanelState } from './run-panel-state';

const NO_STATUSES: Record<string, NodeStatusSummary> = {};

/**
 * The run panel as the graph editor mounts it (app/graphs/[id]/slots.tsx): it keeps each node's latest
 * status and colours the canvas nodes from it.
 */
export function EditorRunPanel(props: { graphId: string; spec: GraphSpec; baseVersion: { id: string; number: number } | null; problems: number; flushDraft(): Promise<void> }) {
  const statuses = useRunPanelState((s) => s.lastRun?.statuses ?? NO_STATUSES);
  const onNodeStatus = useCallback((nodeId: string, status: NodeStatusSummary) => useRunPanelState.getState().setNodeStatus(nodeId, status), []);
  const onRunStart = useCallback((runId: string) => useRunPanelState.getState().setLastRun(runId), []);
  useRefitOnToggle();
  useRememberedHeight();
  // the panel belongs to this graph's editor: another graph opens with it closed
  const graphId = props.graphId;
  useEffect(
    () => () => {
      const state = useRunPanelState.getState();
      state.setOpen(false);
      state.setLastRun(null);
      useRunPanelState.setState({ upTo: null });
      // a height the panel grew to for this graph's results goes; one the user set stays
      if (!state.resized) state.setHeight(null, false);
    },
    [graphId],
  );
  return (
    <>
      <NodeStatusStyles statuses={statuses} />
      <RunPanel
        graphId={props.graphId}
        spec={props.spec}
        baseVersion={props.baseVersion}
        problems={props.problems}
        flushDraft={props.flushDraft}
        onNodeStatus={onNodeStatus}
        onRunStart={onRunStart}
      />
    </>
  );
}

/**
 * Opening or closing the panel, or the panel growing to fit a result, resizes the canvas: fit the graph
 * into its new height (not on first render, nor while the user drags the panel's edge).
 */
function useRefitOnToggle() {
  // read through a ref: React Flow hands out a new instance once its pane is ready (on a blank
  // canvas, at the first dropped node), which must not count as a toggle and re-fit the canvas
  const reactFlow = useReactFlow();
  const flow = useRef(reactFlow);
  flow.current = reactFlow;
  const open = useRunPanelState((s) => s.open);
  const grownTo = useRunPanelState((s) => (s.resized ? null : s.height));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => void flow.current.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), 120);
    return () => clearTimeout(timer);
  }, [open, grownTo]);
}

/** The editor header's "Run" button: opens the run panel and puts the cursor in its input. */
export function RunHeaderButton() {
  const openAndFocus = useRunPanelState((s) => s.openAndFocus);
  return (
    <button type="button" className="btn small" onClick={openAndFocus} title="Open the run panel">
      ▶ Run
    </button>
  );
}
