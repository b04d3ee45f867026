import { publicProcedure, router } from '../trpc';

export const workerRouter = router({
  /** the workers heard from recently, their devices and the models loaded on them */
  list: publicProcedure.query(async ({ ctx }) => ({ mode: ctx.runner.mode, workers: await ctx.runner.workers() })),
});
