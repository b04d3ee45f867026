import type { Runner } from '../runners/index';
import type { Db } from './db/client';
import { getServices } from './services/app-services';

/** What every procedure gets: the database and the runner, created once per process. */
export interface AppContext {
  db: Db;
  runner: Runner;
  /** who is calling: "local" for the editor (single-user app), a key prefix for the public API. */
  actor: string;
}

export async function createContext(): Promise<AppContext> {
  const services = await getServices();
  return { db: services.db, runner: services.runner, actor: 'local' };
}
