import type { NodeExecutor } from '../core/context';
import { storePgvectorExecutor } from './pgvector/execute';

/** The store node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const STORE_EXECUTORS: readonly NodeExecutor[] = [storePgvectorExecutor];
