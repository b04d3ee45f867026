import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { appRouter } from '../routers/_app';
import { createCallerFactory } from '../trpc';

const factory = createCallerFactory(appRouter);

export function callerFor(db: Db, runner: Runner, actor = 'test') {
  return factory({ db, runner, actor });
}
