import type { CompiledGraph, CompiledNode } from '../nodes/core/compile';

/**
 * The pure half of running a graph: given which nodes have finished and which of their output ports
 * emitted, which nodes are ready, which must be skipped, and what each ready node receives. No I/O,
 * no clocks — the orchestrator owns those.
 *
 * Semantics (the same in every mode): a node runs once every node it depends on has settled; a
 * required input whose edges all come from ports that did not emit (a guardrail's `blocked` branch,
 * a router's other routes, a skipped node) skips the node, and the skip propagates downstream. An
 * optional or `multiple` input receives whatever did arrive.
 */
export type NodeState =
  | { status: 'pending' }
  | { status: 'running' }
  | { status: 'succeeded'; emitted: ReadonlySet<string> }
  | { status: 'skipped' }
  | { status: 'failed' };

export type PlanState = Map<string, NodeState>;

export function initialState(graph: CompiledGraph): PlanState {
  return new Map(graph.order.map((id) => [id, { status: 'pending' } as NodeState]));
}

export interface PlanStep {
  ready: string[];
  skip: string[];
}

/** Nodes that can start now and nodes that can never run; call until both are empty. */
export function nextStep(graph: CompiledGraph, state: PlanState): PlanStep {
  const ready: string[] = [];
  const skip: string[] = [];
  for (const id of graph.order) {
    if (state.get(id)?.status !== 'pending') continue;
    const node = graph.nodes.get(id)!;
    let settled = true;
    let missingRequired = false;
    let connected = 0;
    let arrivedAnywhere = 0;
    for (const [port, definition] of Object.entries(node.definition.inputs)) {
      const edges = node.inputs.get(port) ?? [];
      let arrived = 0;
      for (const edge of edges) {
        const from = state.get(edge.from.node);
        if (!from || from.status === 'pending' || from.status === 'running') settled = false;
        else if (from.status === 'succeeded' && from.emitted.has(edge.from.port)) arrived++;
      }
      if (edges.length > 0 && arrived === 0 && definition.required !== false) missingRequired = true;
      connected += edges.length;
      arrivedAnywhere += arrived;
    }
    if (!settled) continue;
    // a node all of whose connected inputs stayed silent has nothing to work on, even if each
    // input is optional (an embedder fed either chunks or a query, behind a guardrail that blocked)
    const starved = connected > 0 && arrivedAnywhere === 0;
    (missingRequired || starved ? skip : ready).push(id);
  }
  return { ready, skip };
}

type OutputOf = (nodeId: string, port: string) => unknown;

/** The edges into a port whose source emitted a value, in edge order: the values a node receives there. */
export function arrivedEdges(node: CompiledNode, port: string, outputOf: OutputOf) {
  return (node.inputs.get(port) ?? []).filter((e) => outputOf(e.from.node, e.from.port) !== undefined);
}

/** A ready node's inputs, by port: arrays for `multiple` ports, else the first value that arrived. */
export function gatherInputs(graph: CompiledGraph, nodeId: string, outputOf: OutputOf): Record<string, unknown> {
  const node = graph.nodes.get(nodeId)!;
  const inputs: Record<string, unknown> = {};
  for (const [port, definition] of Object.entries(node.definition.inputs)) {
    const values = arrivedEdges(node, port, outputOf).map((e) => outputOf(e.from.node, e.from.port));
    inputs[port] = definition.multiple ? values : values[0];
  }
  return inputs;
}

/** By port, the nodes whose values gatherInputs gathered, in the same order (NodeContext.inputFrom). */
export function inputOrigins(graph: CompiledGraph, nodeId: string, outputOf: OutputOf): Record<string, string[]> {
  const node = graph.nodes.get(nodeId)!;
  return Object.fromEntries(Object.keys(node.definition.inputs).map((port) => [port, arrivedEdges(node, port, outputOf).map((e) => e.from.node)]));
}

/** Where each input of a node comes from, for workers that load upstream outputs themselves. */
export function inputSources(node: CompiledNode): Record<string, { node: string; port: string }[]> {
  const sources: Record<string, { node: string; port: string }[]> = {};
  for (const port of Object.keys(node.definition.inputs)) {
    sources[port] = (node.inputs.get(port) ?? []).map((e) => ({ node: e.from.node, port: e.from.port }));
  }
  return sources;
}

export function isFinished(state: PlanState): boolean {
  for (const s of state.values()) if (s.status === 'pending' || s.status === 'running') return false;
  return true;
}

export const DEFAULT_NODE_TIMEOUT_MS = 120_000;

/**
 * A node's per-attempt timeout and retries: its config's (when its schema has them), else its
 * definition's. A config `timeoutMs` that limits each request (`configTimeoutLimits: 'request'`)
 * only raises the attempt's limit to at least that.
 */
export function nodeLimits(node: Pick<CompiledNode, 'config' | 'definition'>): { timeoutMs: number; retries: number } {
  const { config, definition } = node;
  const configured = typeof config.timeoutMs === 'number' && config.timeoutMs > 0 ? config.timeoutMs : undefined;
  const byDefinition = definition.timeoutMs ?? DEFAULT_NODE_TIMEOUT_MS;
  // a request's limit is not the attempt's, but an attempt must give its request that long
  const timeoutMs = configured === undefined ? byDefinition : definition.configTimeoutLimits === 'request' ? Math.max(byDefinition, configured) : configured;
  const retries = typeof config.retries === 'number' && config.retries >= 0 ? config.retries : (definition.retries ?? 0);
  return { timeoutMs, retries };
}
