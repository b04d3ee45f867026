/**
 * Two runs side by side, node by node: what each node did in each run (its last attempt), and
 * whether its output changed. The runs may be of different versions (a node only one of them has
 * shows on its own line). Previews are compared, so a change past a preview's cut goes unseen.
 */
export interface ComparedNodeRun {
  nodeId: string;
  nodeType: string;
  attempt: number;
  status: string;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
  outputPreview: unknown;
}

export interface NodeSide {
  status: string;
  attempts: number;
  durationMs: number | null;
  outputPreview: unknown;
}

export interface NodeComparison {
  nodeId: string;
  nodeType: string;
  a: NodeSide | null;
  b: NodeSide | null;
  /** both ran it and their output previews are the same */
  sameOutput: boolean;
}

function lastAttempts(rows: readonly ComparedNodeRun[]): Map<string, { row: ComparedNodeRun; attempts: number }> {
  const byNode = new Map<string, { row: ComparedNodeRun; attempts: number }>();
  for (const row of rows) {
    const seen = byNode.get(row.nodeId);
    if (!seen || row.attempt >= seen.row.attempt) byNode.set(row.nodeId, { row, attempts: Math.max(row.attempt, seen?.attempts ?? 0) });
  }
  return byNode;
}

function side(entry: { row: ComparedNodeRun; attempts: number } | undefined): NodeSide | null {
  if (!entry) return null;
  const { row, attempts } = entry;
  const durationMs = row.startedAt && row.finishedAt ? new Date(row.finishedAt).getTime() - new Date(row.startedAt).getTime() : null;
  return { status: row.status, attempts, durationMs, outputPreview: row.outputPreview };
}

/** Nodes in the order `order` gives (the first run's graph, then the second's), then any others as they ran. */
export function compareNodeRuns(a: readonly ComparedNodeRun[], b: readonly ComparedNodeRun[], order: readonly string[] = []): NodeComparison[] {
  const lastA = lastAttempts(a);
  const lastB = lastAttempts(b);
  const ids = [...new Set([...order, ...lastA.keys(), ...lastB.keys()])].filter((id) => lastA.has(id) || lastB.has(id));
  return ids.map((nodeId) => {
    const sideA = side(lastA.get(nodeId));
    const sideB = side(lastB.get(nodeId));
    const nodeType = (lastA.get(nodeId) ?? lastB.get(nodeId))!.row.nodeType;
    const sameOutput = !!sideA && !!sideB && JSON.stringify(sideA.outputPreview) === JSON.stringify(sideB.outputPreview);
    return { nodeId, nodeType, a: sideA, b: sideB, sameOutput };
  });
}
