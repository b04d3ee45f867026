import { z } from 'zod';
import type { CompiledGraph } from './compile';
import type { AnyNodeDefinition, NodeRole } from './define';
import { NodeError } from './errors';

/**
 * A graph's public interface: the run-input fields its entry nodes read and the run-output fields its
 * exit nodes write. Published endpoints validate requests against these, and the editor lists them.
 */
export interface IoNode {
  definition: AnyNodeDefinition;
  /** the node's parsed config */
  config: unknown;
}

/** The merged fields of the nodes that play `role` (entry: run input, exit: run output). */
export function interfaceSchema(nodes: Iterable<IoNode>, role: NodeRole): z.ZodObject {
  let merged = z.object({});
  for (const { definition, config } of nodes) {
    if (definition.role === role && definition.io) merged = merged.extend(definition.io(config as never).shape);
  }
  return merged;
}

export function graphInputSchema(graph: CompiledGraph): z.ZodObject {
  return interfaceSchema(graph.entries.map((id) => graph.nodes.get(id)!), 'entry');
}

export function graphOutputSchema(graph: CompiledGraph): z.ZodObject {
  return interfaceSchema(graph.exits.map((id) => graph.nodes.get(id)!), 'exit');
}

/**
 * An entry node's fields of the run input (`ctx.runInput`), parsed by its `io()` schema: anything that
 * does not fit is INVALID_INPUT naming each field and what is wrong with it.
 */
export function readRunInput<S extends z.ZodType>(runInput: Record<string, unknown>, fields: S): z.infer<S> {
  const parsed = fields.safeParse(runInput);
  if (!parsed.success) {
    throw new NodeError('INVALID_INPUT', `run input: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
