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
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CATEGORY_COLORS, editorCatalog, latestDefinitionOf, NODE_DRAG_TYPE } from '../../../lib/editor/catalog';
import { checkConnection } from '../../../lib/editor/connection-rules';
import { toFlowEdges, toFlowNodes, toFlowNotes, type FlowNode, type FlowNote, type Measured, type NodeCache } from '../../../lib/editor/flow-mapping';
import { sortNodeChanges } from '../../../lib/editor/node-changes';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import { addNoteAtCenter } from './add-note';
import { ConnectionReason } from './connection-reason';
import { NoteIcon, TidyIcon } from './control-icons';
import { DiffBanner } from './diff-banner';
import { FindBar } from './find-bar';
import { GraphNode } from './graph-node';
import { InitialViewport } from './initial-viewport';
import { NoteNode } from './note-node';
import { useConnectionEnd } from './use-connection-end';
import { tidyUp } from './tidy-up';
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

  const { onConnectEnd, quickAddMenu } = useConnectionEnd();

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
        {quickAddMenu}
      </div>
      <StatusBar />
    </div>
  );
}
