import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { GraphIssue } from '../../../nodes/core/errors';
import type { GraphSpec } from '../../../nodes/core/spec';
import { validateGraph } from '../../../nodes/core/validate';

/** Validation issues of the draft, indexed by the element at fault so nodes, ports and edges can show them. */
export interface IssueIndex {
  all: GraphIssue[];
  byNode: Map<string, GraphIssue[]>;
  /** key `${nodeId}\u0000${port}` */
  byPort: Map<string, GraphIssue[]>;
  byEdge: Map<string, GraphIssue[]>;
  /** issues of the graph as a whole (no entry, no exit, bad structure). */
  graph: GraphIssue[];
}

export const portKey = (nodeId: string, port: string) => `${nodeId}\u0000${port}`;

export function indexIssues(issues: GraphIssue[]): IssueIndex {
  const index: IssueIndex = { all: issues, byNode: new Map(), byPort: new Map(), byEdge: new Map(), graph: [] };
  const push = <K>(map: Map<K, GraphIssue[]>, key: K, issue: GraphIssue) => map.set(key, [...(map.get(key) ?? []), issue]);
  for (const issue of issues) {
    if (issue.edgeId) push(index.byEdge, issue.edgeId, issue);
    if (issue.nodeId && issue.port && !issue.edgeId) push(index.byPort, portKey(issue.nodeId, issue.port), issue);
    if (issue.nodeId) push(index.byNode, issue.nodeId, issue);
    if (!issue.nodeId && !issue.edgeId) index.graph.push(issue);
  }
  return index;
}

export function validateDraft(spec: GraphSpec, catalog: NodeCatalog): IssueIndex {
  return indexIssues(validateGraph(spec, catalog).issues);
}

/** Messages read on a node: the "node "x":" prefix is redundant there. */
export function shortMessage(issue: GraphIssue): string {
  return issue.message.replace(/^node "[^"]+"( \([^)]*\))?:\s*/, '').replace(/^edge "[^"]+":\s*/, '');
}
