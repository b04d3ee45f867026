import { router } from '../trpc';
import { catalogRouter } from './catalog';
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
});

export type AppRouter = typeof appRouter;
