import { z } from 'zod';
import { uuid, specInput } from '../services/spec-input';
import * as versions from '../services/versions';
import { publicProcedure, router } from '../trpc';

const message = z.string().max(2000, 'messages are at most 2,000 characters');

export const versionRouter = router({
  list: publicProcedure.input(z.object({ graphId: uuid })).query(({ ctx, input }) => versions.listVersions(ctx.db, input.graphId)),

  byId: publicProcedure.input(z.object({ id: uuid })).query(({ ctx, input }) => versions.getVersion(ctx.db, input.id)),

  save: publicProcedure
    .input(z.object({ graphId: uuid, baseVersionId: uuid.nullable(), spec: specInput.optional(), message: message.optional() }))
    .mutation(({ ctx, input }) => versions.saveVersion(ctx.db, { ...input, createdBy: ctx.actor })),

  diff: publicProcedure
    .input(z.object({ fromVersionId: uuid, to: z.union([uuid, z.literal('draft')]) }))
    .query(({ ctx, input }) => versions.diffVersions(ctx.db, input)),

  restore: publicProcedure
    .input(z.object({ versionId: uuid, baseVersionId: uuid.nullable(), message: message.optional() }))
    .mutation(({ ctx, input }) => versions.restoreVersion(ctx.db, { ...input, createdBy: ctx.actor })),
});
