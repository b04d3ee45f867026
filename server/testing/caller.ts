import type { Db } from '../db/client';
import { appRouter } from '../routers/_app';
import { createCallerFactory } from '../trpc';

const factory = createCallerFactory(appRouter);

export function callerFor(db: Db, actor = 'test') {
  return factory({ db, actor });
}
