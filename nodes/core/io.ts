import { z } from 'zod';
import type { CompiledGraph } from './compile';

/**
 * A graph's public interface: the run-input fields its entry nodes read and the run-output fields its
 * exit nodes write. Published endpoints validate requests against these.
 */
export function graphInputSchema(graph: CompiledGraph): z.ZodObject {
  return mergeObjects(graph.entries.map((id) => ioOf(graph, id)));
}

export function graphOutputSchema(graph: CompiledGraph): z.ZodObject {
  return mergeObjects(graph.exits.map((id) => ioOf(graph, id)));
}

function ioOf(graph: CompiledGraph, id: string): z.ZodObject {
  const node = graph.nodes.get(id)!;
  return node.definition.io ? node.definition.io(node.config) : z.object({});
}

function mergeObjects(objects: z.ZodObject[]): z.ZodObject {
  return objects.reduce<z.ZodObject>((acc, next) => acc.extend(next.shape), z.object({}));
}
