import type { z } from 'zod';
import { interfaceSchema, type IoNode } from '../../../nodes/core/io';
import type { GraphSpec } from '../../../nodes/core/spec';
import { editorCatalog } from './catalog';

export interface InterfaceField {
  name: string;
  optional: boolean;
  description?: string;
}

/**
 * What the graph takes and gives, from the same schemas a published endpoint validates against
 * (nodes/core/io.ts), for a draft that need not compile. Nodes whose config does not parse are
 * skipped (the Problems tab reports them). Pure.
 */
export function graphInterface(spec: GraphSpec): { takes: InterfaceField[]; gives: InterfaceField[] } {
  const nodes: IoNode[] = [];
  for (const node of spec.nodes) {
    const definition = editorCatalog.get(node.type, node.typeVersion);
    const config = definition?.config.safeParse(node.config ?? {});
    if (definition && config?.success) nodes.push({ definition, config: config.data });
  }
  return { takes: fieldsOf(interfaceSchema(nodes, 'entry')), gives: fieldsOf(interfaceSchema(nodes, 'exit')) };
}

function fieldsOf(schema: z.ZodObject): InterfaceField[] {
  return Object.entries(schema.shape).map(([name, field]) => ({ name, optional: (field as z.ZodType).safeParse(undefined).success, description: (field as z.ZodType).description }));
}
