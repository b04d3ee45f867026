import type { CompiledNode } from '../nodes/core/compile';
import { arrivedEdges } from './plan';
import { preview } from './redact';

/** An input recorded as the upstream output it is, instead of a second preview of the same value. */
export interface OutputRef {
  $output: { node: string; port: string };
}

/**
 * A node's input preview for its NodeRun row. Edges hand values on by reference, so an input is
 * usually the very object an upstream node produced, whose preview that node's row already holds:
 * such an input is recorded as `{"$output": {"node", "port"}}` (the editor links it to that node).
 * Everything else (the run input, fan-in lists mixing sources, values a node rebuilt) is previewed
 * as before. For a search endpoint this kept the retrieved passages' preview from being written twice
 * on every call.
 */
export function previewInputs(node: CompiledNode, inputs: Record<string, unknown>, outputOf: (nodeId: string, port: string) => unknown): Record<string, unknown> {
  const refs: Record<string, OutputRef | OutputRef[]> = {};
  const plain: Record<string, unknown> = {};
  for (const [port, value] of Object.entries(inputs)) {
    // the sources that gave a value, in the order gatherInputs listed them
    const sources = arrivedEdges(node, port, outputOf).map((edge) => edge.from);
    const refOf = (item: unknown, source: { node: string; port: string } | undefined): OutputRef | undefined =>
      source && typeof item === 'object' && item !== null && outputOf(source.node, source.port) === item ? { $output: { node: source.node, port: source.port } } : undefined;
    if (node.definition.inputs[port]?.multiple && Array.isArray(value)) {
      const list = value.map((item, i) => refOf(item, sources[i]));
      if (list.length > 0 && list.every((ref) => ref !== undefined)) refs[port] = list as OutputRef[];
      else plain[port] = value;
    } else {
      const ref = refOf(value, sources[0]);
      if (ref) refs[port] = ref;
      else plain[port] = value;
    }
  }
  return { ...(preview(plain) as Record<string, unknown>), ...refs };
}
