import { z } from 'zod';
import type { RunEvent } from '../../runners/index';
import { getNodeOutput, getRun, listRuns, rerun, RUN_SOURCES, startRun } from '../services/runs';
import { ServiceError } from '../services/errors';
import { filterMoment, uuid } from '../services/spec-input';
import { publicProcedure, router, toTRPCError } from '../trpc';
import { redactForView } from '../../runners/redact';

const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export const runRouter = router({
  start: publicProcedure
    .input(
      z.object({
        graphId: uuid,
        versionId: uuid.nullable().default(null),
        input: z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 50 * 1024 * 1024, 'run input is larger than 50 MB'),
        /** run only this node and what feeds it ("run up to here") */
        upTo: z.string().min(1).max(64).optional(),
      }),
    )
    .mutation(({ ctx, input }) => startRun(ctx.db, ctx.runner, { ...input, source: 'editor' })),

  /** the run's stored input again: on what it ran (`same`) or on the graph's current draft */
  rerun: publicProcedure
    .input(z.object({ id: uuid, on: z.enum(['same', 'draft']).default('same') }))
    .mutation(({ ctx, input }) => rerun(ctx.db, ctx.runner, { runId: input.id, on: input.on })),

  list: publicProcedure
    .input(
      z
        .object({
          graphId: uuid.optional(),
          versionId: uuid.optional(),
          endpointId: uuid.optional(),
          status: z.enum(RUN_STATUSES).optional(),
          source: z.enum(RUN_SOURCES).optional(),
          excludeSource: z.enum(RUN_SOURCES).optional(),
          since: filterMoment.optional(),
          until: filterMoment.optional(),
          cursor: uuid.optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listRuns(ctx.db, input)),

  // what the editor shows of stored values passes TRACE_REDACT (the public API answers callers in full)
  byId: publicProcedure.input(z.object({ id: uuid })).query(async ({ ctx, input }) => {
    const run = await getRun(ctx.db, input.id);
    return { ...run, input: redactForView(run.input), output: redactForView(run.output) };
  }),

  nodeOutput: publicProcedure
    .input(z.object({ runId: uuid, nodeId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getNodeOutput(ctx.db, input.runId, input.nodeId)),

  cancel: publicProcedure.input(z.object({ id: uuid })).mutation(async ({ ctx, input }) => {
    const run = await getRun(ctx.db, input.id);
    if (TERMINAL.has(run.status)) {
      throw new ServiceError('CONFLICT', `the run has already ${run.status === 'cancelled' ? 'been cancelled' : run.status}: only a queued or running run can be cancelled`);
    }
    await ctx.runner.cancel(input.id);
    return { id: input.id };
  }),

  /** Live events of one run (node status, tokens, output) until it ends; late subscribers get its state first. */
  events: publicProcedure.input(z.object({ id: uuid })).subscription(async function* ({ ctx, input, signal }) {
    await getRun(ctx.db, input.id).catch((error: unknown) => {
      throw toTRPCError(error) ?? error;
    });
    const queue: RunEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = ctx.runner.subscribe(input.id, (event) => {
      queue.push(event);
      wake?.();
    });
    const aborted = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    try {
      for (;;) {
        while (queue.length) {
          const event = queue.shift()!;
          yield redactForView(event);
          if (event.type === 'run' && TERMINAL.has(event.status)) return;
        }
        if (signal?.aborted) return;
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
      }
    } finally {
      unsubscribe();
    }
  }),
});
