import type { NodeExecutor } from '../core/context';

/** The chunk node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const CHUNK_EXECUTORS: readonly NodeExecutor[] = [];
