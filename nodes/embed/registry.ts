import type { NodeExecutor } from '../core/context';

/** The embed node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const EMBED_EXECUTORS: readonly NodeExecutor[] = [];
