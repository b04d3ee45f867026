import { z } from 'zod';
import { tryEndpoint } from '../services/endpoint-try';
import { endpointTraffic, trafficWindow } from '../services/endpoint-traffic';
import * as endpoints from '../services/endpoints';
import { listRuns } from '../services/runs';
import { description, uuid } from '../services/spec-input';
import { publicProcedure, router } from '../trpc';

const percent = z.number().int().min(0).max(100);

export const endpointRouter = router({
  list: publicProcedure
    .input(z.object({ graphId: uuid.optional() }).optional())
    .query(({ ctx, input }) => endpoints.listEndpoints(ctx.db, { graphId: input?.graphId })),

  byId: publicProcedure.input(z.object({ id: uuid })).query(({ ctx, input }) => endpoints.getEndpoint(ctx.db, input.id)),

  bySlug: publicProcedure.input(z.object({ slug: z.string().min(1).max(63) })).query(({ ctx, input }) => endpoints.getEndpointBySlug(ctx.db, input.slug)),

  /** "Try it" on the endpoint's page: a run of its main or canary version, outside its traffic */
  tryOut: publicProcedure
    .input(
      z.object({
        slug: z.string().min(1).max(63),
        version: z.enum(['main', 'canary']).default('main'),
        input: z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 1024 * 1024, 'a try-out input is at most 1 MB: send larger inputs through the API'),
      }),
    )
    .mutation(({ ctx, input }) => tryEndpoint(ctx.db, ctx.runner, input)),

  /** Publishes a graph: versionId null follows its latest saved version. */
  publish: publicProcedure
    .input(
      z.object({
        graphId: uuid,
        slug: endpoints.endpointSlug,
        description: description.optional(),
        versionId: uuid.nullable().default(null),
        canaryVersionId: uuid.nullable().default(null),
        canaryPercent: percent.default(0),
      }),
    )
    .mutation(({ ctx, input }) => endpoints.publishEndpoint(ctx.db, input)),

  /** New routing: main version (null = latest), canary version and share. A new revision. */
  setRouting: publicProcedure
    .input(z.object({ id: uuid, versionId: uuid.nullable().optional(), canaryVersionId: uuid.nullable().optional(), canaryPercent: percent.optional() }))
    .mutation(({ ctx, input }) => endpoints.setRouting(ctx.db, input)),

  rollback: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => endpoints.rollbackEndpoint(ctx.db, input.id)),

  unpublish: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => endpoints.setEnabled(ctx.db, input.id, false)),

  republish: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => endpoints.setEnabled(ctx.db, input.id, true)),

  update: publicProcedure
    .input(z.object({ id: uuid, description: description.optional() }))
    .mutation(({ ctx, input }) => endpoints.updateEndpoint(ctx.db, input)),

  delete: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => endpoints.deleteEndpoint(ctx.db, input.id)),

  /** calls, failures and latency over the last 24 hours or 7 days, in buckets and per version */
  traffic: publicProcedure.input(z.object({ id: uuid, window: trafficWindow.default('24h') })).query(({ ctx, input }) => endpointTraffic(ctx.db, input.id, input.window)),

  /** The endpoint's latest calls (the run history filtered to it). */
  recentRuns: publicProcedure
    .input(z.object({ id: uuid, limit: z.number().int().min(1).max(100).default(20) }))
    .query(async ({ ctx, input }) => {
      await endpoints.endpointRow(ctx.db, input.id);
      return (await listRuns(ctx.db, { endpointId: input.id, limit: input.limit })).items;
    }),
});
