import { z } from 'zod';
import * as evaluations from '../services/evaluations';
import { uuid } from '../services/spec-input';
import { publicProcedure, router } from '../trpc';

export const evaluationRouter = router({
  /** a graph's evaluations, newest first, each naming its version */
  list: publicProcedure.input(z.object({ graphId: uuid })).query(({ ctx, input }) => evaluations.listEvaluations(ctx.db, input.graphId)),

  /** one evaluation with each query's scores and run */
  byId: publicProcedure.input(z.object({ id: uuid })).query(({ ctx, input }) => evaluations.getEvaluation(ctx.db, input.id)),

  /** records scores a harness computed for a version (`rag eval` writes the same rows directly) */
  record: publicProcedure.input(evaluations.evaluationInput).mutation(({ ctx, input }) => evaluations.recordEvaluation(ctx.db, { ...input, createdBy: ctx.actor })),

  /** scores a version on a stored dataset in the background; each judged query is a run of it */
  start: publicProcedure.input(evaluations.startEvaluationInput).mutation(({ ctx, input }) => evaluations.startEvaluation(ctx.db, ctx.runner, { ...input, createdBy: ctx.actor })),

  cancel: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => evaluations.cancelEvaluation(ctx.db, input.id)),

  delete: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => evaluations.deleteEvaluation(ctx.db, input.id)),
});
