import type { NodeExecutor } from '../core/context';

/** The rerank node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const RERANK_EXECUTORS: readonly NodeExecutor[] = [];
