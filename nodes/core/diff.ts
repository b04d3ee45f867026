import { canonicalJson } from './hash';
import type { EdgeSpec, GraphSpec, NodeSpec } from './spec';

/** A structural diff of two specs, used by version.diff and by the editor's diff view. */
export interface ConfigChange {
  /** path inside the node's config, e.g. ["topK"] or ["rules", 0, "pattern"]. */
  path: (string | number)[];
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  nodeId: string;
  type: string;
  typeVersion?: { before: number; after: number };
  typeChanged?: { before: string; after: string };
  label?: { before?: string; after?: string };
  config: ConfigChange[];
  moved: boolean;
}

export interface EdgeRef {
  id: string;
  from: string;
  to: string;
}

export interface SpecDiff {
  nodesAdded: NodeSpec[];
  nodesRemoved: NodeSpec[];
  nodesChanged: NodeChange[];
  edgesAdded: EdgeRef[];
  edgesRemoved: EdgeRef[];
  /** ids of notes added, removed and rewritten (a note moved or resized is not listed). */
  notes: { added: string[]; removed: string[]; edited: string[] };
  /** true when nothing but positions (and notes) differ. */
  semanticallyEqual: boolean;
}

export function diffSpecs(before: GraphSpec, after: GraphSpec): SpecDiff {
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const nodesAdded = after.nodes.filter((n) => !beforeNodes.has(n.id));
  const nodesRemoved = before.nodes.filter((n) => !afterNodes.has(n.id));
  const nodesChanged: NodeChange[] = [];
  for (const node of after.nodes) {
    const old = beforeNodes.get(node.id);
    if (!old) continue;
    const change = diffNode(old, node);
    if (change) nodesChanged.push(change);
  }
  const edgeKey = (e: EdgeSpec) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`;
  const toRef = (e: EdgeSpec): EdgeRef => ({ id: e.id, from: `${e.from.node}.${e.from.port}`, to: `${e.to.node}.${e.to.port}` });
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  const edgesAdded = after.edges.filter((e) => !beforeEdges.has(edgeKey(e))).map(toRef);
  const edgesRemoved = before.edges.filter((e) => !afterEdges.has(edgeKey(e))).map(toRef);
  const semanticallyEqual =
    nodesAdded.length === 0 &&
    nodesRemoved.length === 0 &&
    edgesAdded.length === 0 &&
    edgesRemoved.length === 0 &&
    nodesChanged.every((c) => !c.typeVersion && !c.typeChanged && c.config.length === 0);
  return { nodesAdded, nodesRemoved, nodesChanged, edgesAdded, edgesRemoved, notes: diffNotes(before, after), semanticallyEqual };
}

function diffNotes(before: GraphSpec, after: GraphSpec): SpecDiff['notes'] {
  const beforeText = new Map((before.notes ?? []).map((n) => [n.id, n.text]));
  const afterText = new Map((after.notes ?? []).map((n) => [n.id, n.text]));
  return {
    added: [...afterText.keys()].filter((id) => !beforeText.has(id)),
    removed: [...beforeText.keys()].filter((id) => !afterText.has(id)),
    edited: [...afterText].filter(([id, text]) => beforeText.has(id) && beforeText.get(id) !== text).map(([id]) => id),
  };
}

function diffNode(before: NodeSpec, after: NodeSpec): NodeChange | undefined {
  const config = diffValues(before.config, after.config, []);
  const moved = before.position.x !== after.position.x || before.position.y !== after.position.y;
  const change: NodeChange = { nodeId: after.id, type: after.type, config, moved };
  if (before.type !== after.type) change.typeChanged = { before: before.type, after: after.type };
  if (before.typeVersion !== after.typeVersion) change.typeVersion = { before: before.typeVersion, after: after.typeVersion };
  if (before.label !== after.label) change.label = { before: before.label, after: after.label };
  const changed = config.length > 0 || moved || change.typeChanged || change.typeVersion || change.label;
  return changed ? change : undefined;
}

/** Recurses into plain objects; arrays and scalars are compared whole (a list edit reads best as one change). */
function diffValues(before: unknown, after: unknown, path: (string | number)[]): ConfigChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], [...path, key]));
  }
  return canonicalJson(before) === canonicalJson(after) ? [] : [{ path, before, after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
