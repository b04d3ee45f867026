import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { validateGraph } from '../../nodes/core/validate';
import { exampleGraphs, getExample } from '../../prisma/seed/examples';
import { ServiceError } from '../services/errors';
import { importGraph } from '../services/graph-import';
import * as graphs from '../services/graphs';
import { description, graphName, specInput, uuid } from '../services/spec-input';
import { publicProcedure, router } from '../trpc';

export const graphRouter = router({
  list: publicProcedure
    .input(z.object({ search: z.string().max(100).optional() }).optional())
    .query(({ ctx, input }) => graphs.listGraphs(ctx.db, { search: input?.search })),

  byId: publicProcedure.input(z.object({ id: uuid })).query(({ ctx, input }) => graphs.getGraph(ctx.db, input.id)),

  create: publicProcedure
    .input(z.object({ name: graphName, description: description.optional(), spec: specInput.optional(), example: z.string().max(100).optional() }))
    .mutation(({ ctx, input }) => {
      const example = input.example === undefined ? undefined : getExample(input.example);
      if (input.example !== undefined && !example) {
        const known = exampleGraphs().map((e) => e.id).join(', ');
        throw new ServiceError('BAD_REQUEST', `unknown example "${input.example}" (examples: ${known})`);
      }
      const spec = example ? example.spec : input.spec;
      // a graph started from an example or template says what it does, until its author says otherwise
      return graphs.createGraph(ctx.db, { name: input.name, description: input.description ?? example?.description, spec });
    }),

  update: publicProcedure
    .input(z.object({ id: uuid, name: graphName.optional(), description: description.optional() }))
    .mutation(({ ctx, input }) => graphs.updateGraph(ctx.db, input)),

  delete: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => graphs.deleteGraph(ctx.db, input.id)),

  saveDraft: publicProcedure
    .input(z.object({ id: uuid, spec: specInput }))
    .mutation(({ ctx, input }) => graphs.saveDraft(ctx.db, input)),

  duplicate: publicProcedure
    .input(z.object({ id: uuid, name: graphName }))
    .mutation(({ ctx, input }) => graphs.duplicateGraph(ctx.db, input)),

  export: publicProcedure.input(z.object({ id: uuid })).query(({ ctx, input }) => graphs.exportGraph(ctx.db, input.id)),

  import: publicProcedure
    .input(z.object({ data: z.unknown(), name: graphName.optional() }))
    .mutation(({ ctx, input }) => importGraph(ctx.db, input)),

  /** The same validation version.save applies, for showing issues before saving. */
  validate: publicProcedure.input(z.object({ spec: specInput })).query(({ input }) => validateGraph(input.spec, catalog)),

  examples: publicProcedure.query(() => exampleGraphs().map(({ id, name, description, kind, seeded }) => ({ id, name, description, kind, seeded }))),
});
