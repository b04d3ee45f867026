import type { NodeExecutor } from '../core/context';

/** The llm node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const LLM_EXECUTORS: readonly NodeExecutor[] = [];
