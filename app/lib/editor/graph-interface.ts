import type { z } from 'zod';
import type { GraphSpec } from '../../../nodes/core/spec';
import { editorCatalog } from './catalog';

export interface InterfaceField {
  name: string;
  optional: boolean;
  description?: string;
}

/**
 * What the graph takes and gives: the run-input fields of its entry nodes and the run-output fields of
 * its exit nodes, read from the same `io` schemas that a published endpoint validates against. Nodes
 * whose config does not parse are skipped (the Problems tab reports them). Pure.
 */
export function graphInterface(spec: GraphSpec): { takes: InterfaceField[]; gives: InterfaceField[] } {
  const takes: InterfaceField[] = [];
  const gives: InterfaceField[] = [];
  for (const node of spec.nodes) {
    const definition = editorCatalog.get(node.type, node.typeVersion);
    if (!definition?.role || !definition.io) continue;
    const config = definition.config.safeParse(node.config ?? {});
    if (!config.success) continue;
    const into = definition.role === 'entry' ? takes : gives;
    for (const [name, schema] of Object.entries(definition.io(config.data).shape)) {
      if (into.some((f) => f.name === name)) continue;
      const field = schema as z.ZodType;
      into.push({ name, optional: field.safeParse(undefined).success, description: field.description });
    }
  }
  return { takes, gives };
}
