import { z } from 'zod';
import * as datasets from '../services/datasets';
import { uuid } from '../services/spec-input';
import { publicProcedure, router } from '../trpc';

export const datasetRouter = router({
  /** every dataset, by name, with how often it was evaluated */
  list: publicProcedure.query(({ ctx }) => datasets.listDatasets(ctx.db)),

  /** one dataset: its first queries and every evaluation made on it */
  byId: publicProcedure.input(z.object({ id: uuid })).query(({ ctx, input }) => datasets.getDataset(ctx.db, input.id)),

  /** stores the judged queries of BEIR files' text (queries.jsonl and qrels .tsv) under a new name */
  create: publicProcedure.input(datasets.createDatasetInput).mutation(({ ctx, input }) => datasets.createDataset(ctx.db, { ...input, createdBy: ctx.actor })),

  /** a new name or description (its queries never change); its evaluations take the new name */
  update: publicProcedure.input(datasets.updateDatasetInput).mutation(({ ctx, input }) => datasets.updateDataset(ctx.db, input)),

  /** evaluations made on it keep its name and their scores */
  delete: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => datasets.deleteDataset(ctx.db, input.id)),
});
