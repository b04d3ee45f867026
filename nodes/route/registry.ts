import type { NodeExecutor } from '../core/context';
import { routeQueryExecutor } from './query/execute';

/** The route node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const ROUTE_EXECUTORS: readonly NodeExecutor[] = [routeQueryExecutor];
