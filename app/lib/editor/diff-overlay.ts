import type { ConfigChange, SpecDiff } from '../../../nodes/core/diff';
import type { NodeSpec } from '../../../nodes/core/spec';

/** How the canvas shows a diff: the draft's nodes tinted by status plus ghosts of the removed ones. */
export type DiffStatus = 'added' | 'removed' | 'changed';

export interface DiffOverlay {
  /** what is compared, for the banner: e.g. "v1 → current draft". */
  title: string;
  status: Map<string, DiffStatus>;
  ghosts: NodeSpec[];
  configChanges: Map<string, ConfigChange[]>;
  /** edges present only in the base, drawn dashed between ghosts or remaining nodes. */
  removedEdges: { id: string; from: string; to: string }[];
  addedEdgeKeys: Set<string>;
  diff: SpecDiff;
}

/** Moves alone do not count as a change worth highlighting (they do not change what the graph does). */
export function isSemanticChange(change: SpecDiff['nodesChanged'][number]): boolean {
  return change.config.length > 0 || !!change.typeVersion || !!change.typeChanged || !!change.label;
}

export function buildDiffOverlay(diff: SpecDiff, title: string): DiffOverlay {
  const status = new Map<string, DiffStatus>();
  const configChanges = new Map<string, ConfigChange[]>();
  for (const n of diff.nodesAdded) status.set(n.id, 'added');
  for (const n of diff.nodesRemoved) status.set(n.id, 'removed');
  for (const change of diff.nodesChanged) {
    if (!isSemanticChange(change)) continue;
    status.set(change.nodeId, 'changed');
    if (change.config.length) configChanges.set(change.nodeId, change.config);
  }
  return {
    title,
    status,
    ghosts: diff.nodesRemoved,
    configChanges,
    removedEdges: diff.edgesRemoved,
    addedEdgeKeys: new Set(diff.edgesAdded.map((e) => `${e.from}->${e.to}`)),
    diff,
  };
}

export function changedNodeCount(diff: SpecDiff): number {
  return diff.nodesChanged.filter(isSemanticChange).length;
}

/** Nothing but node positions differ. Names count, unlike `semanticallyEqual`: the summary lists them. */
export function isSameGraph(diff: SpecDiff): boolean {
  return diff.semanticallyEqual && changedNodeCount(diff) === 0;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '(default)';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}…` : value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
