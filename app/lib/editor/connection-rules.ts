import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import { canConnect, portNamed, type Compatibility, type PortDefinition } from '../../../nodes/core/ports';
import type { GraphSpec } from '../../../nodes/core/spec';
import { kindHint } from './kind-hint';

/** A connection being drawn: React Flow's source is always the output side, target the input side. */
export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export interface ResolvedPorts {
  output?: PortDefinition;
  input?: PortDefinition;
}

export function resolvePorts(spec: GraphSpec, source: NodeCatalog, attempt: ConnectionAttempt): ResolvedPorts {
  const from = spec.nodes.find((n) => n.id === attempt.source);
  const to = spec.nodes.find((n) => n.id === attempt.target);
  const fromDef = from && source.get(from.type, from.typeVersion);
  const toDef = to && source.get(to.type, to.typeVersion);
  return {
    output: attempt.sourceHandle ? portNamed(fromDef?.outputs, attempt.sourceHandle) : undefined,
    input: attempt.targetHandle ? portNamed(toDef?.inputs, attempt.targetHandle) : undefined,
  };
}

/**
 * The same rules validateGraph applies to a saved spec (port kinds, one edge into a single input, no
 * cycles), checked while the user draws so a bad edge is refused with its reason instead of saved.
 */
export function checkConnection(spec: GraphSpec, source: NodeCatalog, attempt: ConnectionAttempt): Compatibility {
  if (attempt.source === attempt.target) return { ok: false, reason: 'a node cannot feed itself' };
  const { output, input } = resolvePorts(spec, source, attempt);
  if (!output) return { ok: false, reason: `"${attempt.sourceHandle ?? '?'}" is not an output of ${attempt.source}` };
  if (!input) return { ok: false, reason: `"${attempt.targetHandle ?? '?'}" is not an input of ${attempt.target}` };
  const kinds = canConnect(output.kind, input.kind);
  if (!kinds.ok) {
    const hint = input.kind === 'json' ? undefined : kindHint(source, input.kind);
    return hint ? { ok: false, reason: `${kinds.reason}: ${hint}` } : kinds;
  }
  const into = spec.edges.filter((e) => e.to.node === attempt.target && e.to.port === attempt.targetHandle);
  if (into.some((e) => e.from.node === attempt.source && e.from.port === attempt.sourceHandle)) {
    return { ok: false, reason: 'these two ports are already connected' };
  }
  if (into.length > 0 && !input.multiple) {
    return { ok: false, reason: `input "${attempt.targetHandle}" takes one connection and already has one (delete it first)` };
  }
  if (reaches(spec, attempt.target, attempt.source)) {
    return { ok: false, reason: `this edge would create a cycle (${attempt.target} already leads to ${attempt.source})` };
  }
  return { ok: true };
}

/** Whether `to` is reachable from `from` along existing edges. */
function reaches(spec: GraphSpec, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of spec.edges) next.set(e.from.node, [...(next.get(e.from.node) ?? []), e.to.node]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}
