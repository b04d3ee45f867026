import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { latestDefinitions } from '../../nodes/core/catalog-types';
import type { AnyNodeDefinition } from '../../nodes/core/define';
import { publicProcedure, router } from '../trpc';

/** Node definitions as JSON (config as JSON Schema), for API clients; the editor imports the catalog directly. */
function describe(definition: AnyNodeDefinition) {
  return {
    type: definition.type,
    typeVersion: definition.typeVersion,
    title: definition.title,
    category: definition.category,
    description: definition.description,
    role: definition.role ?? null,
    inputs: definition.inputs,
    outputs: definition.outputs,
    resources: definition.resources,
    batch: definition.batch ?? null,
    config: z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }),
  };
}

export const catalogRouter = router({
  list: publicProcedure
    .input(z.object({ allVersions: z.boolean().default(false) }).optional())
    .query(({ input }) => (input?.allVersions ? catalog.all() : latestDefinitions(catalog)).map(describe)),
});
