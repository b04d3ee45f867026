import type { Edge, Node } from '@xyflow/react';
import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { AnyNodeDefinition } from '../../../nodes/core/define';
import type { GraphIssue } from '../../../nodes/core/errors';
import { PORT_COLORS, portNamed, type PortKind } from '../../../nodes/core/ports';
import type { GraphSpec, NodeSpec, NoteSpec } from '../../../nodes/core/spec';
import type { DiffOverlay, DiffStatus } from './diff-overlay';
import { shortMessage, type IssueIndex } from './issues';
import { DEFAULT_NOTE_SIZE, noteFlowId, notesOf } from './notes';

/**
 * GraphSpec → React Flow nodes and edges (one way: the canvas reports edits as store actions). Node
 * objects are reused while nothing they show changed, so React Flow keeps their measurements and the
 * memoised node components skip rendering.
 */
export interface FlowNodeData extends Record<string, unknown> {
  spec: NodeSpec;
  definition?: AnyNodeDefinition;
  issues: GraphIssue[];
  /** messages per port name (required input missing, bad edge into it). */
  portIssues: Record<string, string[]>;
  connectedInputs: string[];
  diff?: DiffStatus;
  ghost?: boolean;
  /** a comparison is drawn on the canvas: nothing can be edited */
  readOnly: boolean;
  /** ports that edges use but the definition lacks (unknown type or removed port): drawn so edges stay visible. */
  extraPorts: { inputs: string[]; outputs: string[] };
}

export type FlowNode = Node<FlowNodeData, 'graph'>;

export type Measured = Readonly<Record<string, { width: number; height: number }>>;

interface CacheEntry {
  key: string;
  spec: NodeSpec;
  node: FlowNode;
}
export type NodeCache = Map<string, CacheEntry>;

export interface MappingInput {
  spec: GraphSpec;
  catalog: NodeCatalog;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  issues: IssueIndex;
  diff: DiffOverlay | null;
  measured: Measured;
}

export function toFlowNodes(input: MappingInput, cache: NodeCache): FlowNode[] {
  const { spec, catalog, selectedNodes, issues, diff, measured } = input;
  const connected = new Map<string, string[]>();
  const usedOut = new Map<string, Set<string>>();
  const usedIn = new Map<string, Set<string>>();
  for (const e of [...spec.edges, ...(diff ? removedEdgeSpecs(diff) : [])]) {
    connected.set(e.to.node, [...(connected.get(e.to.node) ?? []), e.to.port]);
    usedOut.set(e.from.node, (usedOut.get(e.from.node) ?? new Set()).add(e.from.port));
    usedIn.set(e.to.node, (usedIn.get(e.to.node) ?? new Set()).add(e.to.port));
  }
  const readOnly = diff !== null;
  const build = (node: NodeSpec, ghost: boolean): FlowNode => {
    const definition = catalog.get(node.type, node.typeVersion);
    const nodeIssues = ghost ? [] : (issues.byNode.get(node.id) ?? []);
    const portIssues: Record<string, string[]> = {};
    for (const issue of nodeIssues) {
      if (issue.port) portIssues[issue.port] = [...(portIssues[issue.port] ?? []), shortMessage(issue)];
    }
    const extraPorts = {
      inputs: [...(usedIn.get(node.id) ?? [])].filter((p) => !portNamed(definition?.inputs, p)),
      outputs: [...(usedOut.get(node.id) ?? [])].filter((p) => !portNamed(definition?.outputs, p)),
    };
    const data: FlowNodeData = {
      spec: node,
      definition,
      issues: nodeIssues,
      portIssues,
      connectedInputs: [...new Set(connected.get(node.id) ?? [])].sort(),
      diff: ghost ? 'removed' : diff?.status.get(node.id),
      ghost,
      readOnly,
      extraPorts,
    };
    const selected = !ghost && selectedNodes.has(node.id);
    const size = measured[node.id];
    const key = JSON.stringify([
      selected,
      readOnly,
      data.issues.map((i) => i.message),
      data.portIssues,
      data.connectedInputs,
      data.diff,
      extraPorts,
      size,
      definition ? `${definition.type}@${definition.typeVersion}` : null,
    ]);
    const cached = cache.get(node.id);
    if (cached && cached.spec === node && cached.key === key) return cached.node;
    const flowNode: FlowNode = {
      id: node.id,
      type: 'graph',
      position: node.position,
      data,
      selected,
      draggable: !readOnly && !ghost,
      connectable: !readOnly && !ghost,
      selectable: !ghost,
      deletable: false,
      ...(size ? { measured: size } : {}),
      ...(ghost ? { className: 'ghost', zIndex: -1 } : {}),
    };
    cache.set(node.id, { key, spec: node, node: flowNode });
    return flowNode;
  };
  const nodes = spec.nodes.map((n) => build(n, false));
  const ghosts = diff ? diff.ghosts.map((n) => build(n, true)) : [];
  const live = new Set([...nodes, ...ghosts].map((n) => n.id));
  for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
  return [...ghosts, ...nodes];
}

export function toFlowEdges(input: MappingInput): Edge[] {
  const { spec, catalog, selectedEdges, issues, diff } = input;
  const kindOf = (nodeId: string, port: string): PortKind | undefined => {
    const node = spec.nodes.find((n) => n.id === nodeId) ?? diff?.ghosts.find((n) => n.id === nodeId);
    return node ? portNamed(catalog.get(node.type, node.typeVersion)?.outputs, port)?.kind : undefined;
  };
  const edges: Edge[] = spec.edges.map((e) => {
    const kind = kindOf(e.from.node, e.from.port);
    const broken = issues.byEdge.has(e.id);
    const added = diff?.addedEdgeKeys.has(`${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`);
    return {
      id: e.id,
      source: e.from.node,
      sourceHandle: e.from.port,
      target: e.to.node,
      targetHandle: e.to.port,
      selected: selectedEdges.has(e.id),
      deletable: false,
      className: [broken ? 'edge-broken' : '', added ? 'edge-added' : ''].filter(Boolean).join(' ') || undefined,
      style: { stroke: broken ? 'var(--danger)' : added ? 'var(--ok)' : kind ? PORT_COLORS[kind] : 'var(--border-strong)', strokeWidth: 2 },
      ariaLabel: `Edge from ${e.from.node}.${e.from.port} to ${e.to.node}.${e.to.port}`,
      focusable: !diff,
      selectable: !diff,
    };
  });
  if (diff) {
    for (const e of removedEdgeSpecs(diff)) {
      edges.push({
        id: `removed:${e.id}`,
        source: e.from.node,
        sourceHandle: e.from.port,
        target: e.to.node,
        targetHandle: e.to.port,
        className: 'edge-removed',
        style: { stroke: 'var(--danger)', strokeWidth: 2, strokeDasharray: '6 4', opacity: 0.6 },
        selectable: false,
        focusable: false,
        deletable: false,
      });
    }
  }
  return edges;
}

/** Diff edge refs are "node.port" strings; ports have no dots, node ids may. */
function splitRef(ref: string): { node: string; port: string } {
  const at = ref.lastIndexOf('.');
  return { node: ref.slice(0, at), port: ref.slice(at + 1) };
}

function removedEdgeSpecs(diff: DiffOverlay) {
  return diff.removedEdges.map((e) => ({ id: e.id, from: splitRef(e.from), to: splitRef(e.to) }));
}

export interface NoteNodeData extends Record<string, unknown> {
  note: NoteSpec;
  readOnly: boolean;
}

export type FlowNote = Node<NoteNodeData, 'note'>;

/**
 * Notes → React Flow nodes, drawn beneath the graph's nodes (a note may sit behind a group of nodes
 * it explains). Sizes come from the spec, so a resized note keeps its size when the graph reopens.
 */
export function toFlowNotes(spec: GraphSpec, selectedNotes: ReadonlySet<string>, readOnly: boolean): FlowNote[] {
  return notesOf(spec).map((note) => {
    const size = { width: note.width ?? DEFAULT_NOTE_SIZE.width, height: note.height ?? DEFAULT_NOTE_SIZE.height };
    return {
      id: noteFlowId(note.id),
      type: 'note',
      position: note.position,
      data: { note, readOnly },
      selected: selectedNotes.has(note.id),
      draggable: !readOnly,
      connectable: false,
      deletable: false,
      zIndex: -1,
      ...size,
      // a note is drawn at its own size: known before it is drawn, so it never holds up the
      // canvas' "every node measured" (which the first fit of the view waits for)
      measured: size,
    };
  });
}
