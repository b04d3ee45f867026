'use client';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CATEGORY_COLORS, editorCatalog, latestDefinitionOf, NODE_DRAG_TYPE } from '../../../lib/editor/catalog';
import { checkConnection } from '../../../lib/editor/connection-rules';
import { explainRefusal } from '../../../lib/editor/explain-refusal';
import { toFlowEdges, toFlowNodes, toFlowNotes, type FlowNode, type FlowNote, type Measured, type NodeCache } from '../../../lib/editor/flow-mapping';
import { sortNodeChanges } from '../../../lib/editor/node-changes';
import type { QuickAddOption } from '../../../lib/editor/quick-add';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import type { OpenConnection } from '../../../lib/editor/store';
import { addNoteAtCenter } from './add-note';
import { ConnectionReason } from './connection-reason';
import { DiffBanner } from './diff-banner';
import { FindBar } from './find-bar';
import { GraphNode } from './graph-node';
import { InitialViewport } from './initial-viewport';
import { NoteNode } from './note-node';
import { QuickAddMenu, type QuickAddRequest } from './quick-add-menu';
import { tidyUp } from './tidy-up';
import { quickAddRequest } from './quick-add-request';
import { StatusBar } from './status-bar';

// defined once at module level so React Flow never remounts the nodes
const nodeTypes = { graph: GraphNode, note: NoteNode };
const fitViewOptions = { padding: 0.2, maxZoom: 1 };
const snapGrid: [number, number] = [10, 10];

export function Canvas() {
  const store = useEditorStore();
  const flow = useReactFlow();
  const { spec, selectedNodes, selectedEdges, selectedNotes, issues, diff } = useEditor(
    useShallow((s) => ({ spec: s.spec, selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges, selectedNotes: s.selectedNotes, issues: s.issues, diff: s.diff })),
  );
  const [measured, setMeasured] = useState<Measured>({});
  const cache = useRef<NodeCache>(new Map());
  const readOnly = diff !== null;

  const mapping = useMemo(
    () => ({ spec, catalog: editorCatalog, selectedNodes: new Set(selectedNodes), selectedEdges: new Set(selectedEdges), issues, diff, measured }),
    [spec, selectedNodes, selectedEdges, issues, diff, measured],
  );
  const nodes = useMemo(
    () => [...toFlowNotes(spec, new Set(selectedNotes), readOnly), ...toFlowNodes(mapping, cache.current)],
    [mapping, spec, selectedNotes, readOnly],
  );
  const edges = useMemo(() => toFlowEdges(mapping), [mapping]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode | FlowNote>[]) => {
      const state = store.getState();
      const sorted = sortNodeChanges(changes, { nodes: state.selectedNodes, notes: state.selectedNotes });
      if (Object.keys(sorted.measured).length) setMeasured((m) => ({ ...m, ...sorted.measured }));
      if (!state.diff) {
        for (const { noteId, size, position } of sorted.noteResizes) state.resizeNote(noteId, size, position);
        if (sorted.positions.size) state.moveNodes(sorted.positions, sorted.keyboardMove ? { coalesceKey: 'keyboard-move' } : {});
      }
      if (sorted.nodeSelection || sorted.noteSelection) {
        const now = store.getState();
        state.select(sorted.nodeSelection ?? now.selectedNodes, now.selectedEdges, sorted.noteSelection ?? now.selectedNotes);
        // picking one node on the canvas means "show me its settings" (but a comparison keeps its list)
        if (sorted.nodeSelection?.length === 1 && !state.diff) state.setPanel('inspector');
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const state = store.getState();
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(state.selectedEdges);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) state.select(store.getState().selectedNodes, [...selection], store.getState().selectedNotes);
    },
    [store],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => checkConnection(store.getState().spec, editorCatalog, c).ok,
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const verdict = store.getState().connect(connection);
      if (!verdict.ok) store.getState().showHint(`Connection refused: ${verdict.reason}`);
    },
    [store],
  );

  const [quickAdd, setQuickAdd] = useState<(QuickAddRequest & { from: OpenConnection; flowPoint: { x: number; y: number } }) | null>(null);
  const closeQuickAdd = useCallback(() => setQuickAdd(null), []);

  /**
   * A connection dropped on empty canvas opens the menu of node types that can take its other end; one
   * dropped on a port that refused it keeps the reason visible after the mouse is released.
   */
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

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      const state = store.getState();
      if (state.diff) return state.showHint('Close the comparison to edit the graph', 'info');
      const definition = latestDefinitionOf(editorCatalog, type);
      if (!definition) return state.showHint(`Unknown node type ${type}`);
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // the cursor holds the node near its top-left corner, where the palette item was grabbed
      state.addNode(definition, { x: point.x - 20, y: point.y - 16 });
    },
    [store, flow],
  );

  return (
    <div className="editor-canvas">
      <div className="flow-wrap" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={() => store.getState().beginGesture()}
          // a click (not a drag) on a node while the side panel is folded unfolds it on the node's settings
          onNodeClick={() => {
            const state = store.getState();
            if (!state.panelOpen && !state.diff) state.showPanel('inspector');
          }}
          onSelectionDragStart={() => store.getState().beginGesture()}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onPaneClick={() => store.getState().select([], [])}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Control', 'Meta']}
          nodesConnectable={!readOnly}
          nodesDraggable={!readOnly}
          snapToGrid
          snapGrid={snapGrid}
          minZoom={0.2}
          maxZoom={2}
          connectionRadius={24}
          aria-label="Graph canvas"
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#cbd2db" />
          <Controls showInteractive={false} fitViewOptions={fitViewOptions}>
            {!readOnly && (
              <>
                <ControlButton onClick={() => tidyUp(store, flow)} title="Tidy up: lay the graph out by data flow (L)" aria-label="Tidy up the layout">
                  <TidyIcon />
                </ControlButton>
                <ControlButton onClick={() => addNoteAtCenter(store, flow)} title="Add a note (N)" aria-label="Add a note">
                  <NoteIcon />
                </ControlButton>
              </>
            )}
          </Controls>
          <MiniMap
            pannable
            zoomable
            ariaLabel="Minimap"
            nodeColor={(n) => {
              if (n.type === 'note') return '#f5d76e';
              const definition = (n as FlowNode).data.definition;
              return definition ? CATEGORY_COLORS[definition.category] : '#c62828';
            }}
            maskColor="rgba(241, 243, 246, 0.7)"
            style={{ width: 150, height: 96 }}
          />
          <ConnectionReason />
          <InitialViewport />
        </ReactFlow>
        {spec.nodes.length === 0 && !diff && (
          <div className="canvas-empty" aria-hidden>
            <strong>Empty graph</strong>
            <span>
              Drag nodes from the palette onto the canvas (or focus one and press Enter), then connect an output on the right of a node to an input on the left
              of another.
            </span>
          </div>
        )}
        <DiffBanner />
        <FindBar />
        {quickAdd && <QuickAddMenu request={quickAdd} onPick={onQuickAddPick} onClose={closeQuickAdd} />}
      </div>
      <StatusBar />
    </div>
  );
}

function NoteIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden>
      <path d="M2 2h12v8l-4 4H2z M10 14v-4h4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

function TidyIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden>
      <path d="M1.5 3h4v3h-4z M10.5 1.5h4v3h-4z M10.5 10.5h4v3h-4z M5.5 4.5h2.5v-1.5h2.5 M8 4.5v7.5h2.5" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
    </svg>
  );
}
