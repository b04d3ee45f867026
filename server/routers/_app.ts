import { router } from '../trpc';
import { apiKeyRouter } from './apiKey';
import { catalogRouter } from './catalog';
import { endpointRouter } from './endpoint';
import { evaluationRouter } from './evaluation';
import { collectionRouter } from './collection';
import { datasetRouter } from './dataset';
import { graphRouter } from './graph';
import { runRouter } from './run';
import { workerRouter } from './worker';
import { versionRouter } from './version';

export const appRouter = router({
  graph: graphRouter,
  version: versionRouter,
  catalog: catalogRouter,
  run: runRouter,
  worker: workerRouter,
  endpoint: endpointRouter,
  apiKey: apiKeyRouter,
  collection: collectionRouter,
  evaluation: evaluationRouter,
  dataset: datasetRouter,
});

export type AppRouter = typeof appRouter;
