import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { GraphSpec } from '../../../nodes/core/spec';
import { checkConnection } from './connection-rules';

/** A handle as React Flow reports it while a connection is drawn. */
export interface HandleRef {
  nodeId: string;
  id?: string | null;
  type: 'source' | 'target';
}

/**
 * Why a connection being drawn from `from` to `to` is refused, in words, or null when it is allowed.
 * The user may start from either end; outputs are React Flow "source" handles.
 */
export function explainRefusal(spec: GraphSpec, catalog: NodeCatalog, from: HandleRef, to: HandleRef): string | null {
  if (from.type === to.type) {
    return from.type === 'source'
      ? 'both ports are outputs: connect an output (right side) to an input (left side)'
      : 'both ports are inputs: connect an output (right side) to an input (left side)';
  }
  const [output, input] = from.type === 'source' ? [from, to] : [to, from];
  const verdict = checkConnection(spec, catalog, {
    source: output.nodeId,
    sourceHandle: output.id,
    target: input.nodeId,
    targetHandle: input.id,
  });
  return verdict.ok ? null : verdict.reason;
}
