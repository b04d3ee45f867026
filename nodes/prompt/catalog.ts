import type { AnyNodeDefinition } from '../core/define';

/** The prompt node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const PROMPT_DEFINITIONS: readonly AnyNodeDefinition[] = [];
