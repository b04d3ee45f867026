import type { NodeExecutor } from '../core/context';
import { retrieveMergeExecutor } from './merge/execute';
import { retrievePgvectorExecutor } from './pgvector/execute';

/** The retrieve node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const RETRIEVE_EXECUTORS: readonly NodeExecutor[] = [retrievePgvectorExecutor, retrieveMergeExecutor];
