import { router } from '../trpc';
import { catalogRouter } from './catalog';
import { graphRouter } from './graph';
import { versionRouter } from './version';

export const appRouter = router({
  graph: graphRouter,
  version: versionRouter,
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
