import type { NodeExecutor } from '../core/context';

/** The parse node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const PARSE_EXECUTORS: readonly NodeExecutor[] = [];
