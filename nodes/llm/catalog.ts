import type { AnyNodeDefinition } from '../core/define';

/** The llm node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const LLM_DEFINITIONS: readonly AnyNodeDefinition[] = [];
