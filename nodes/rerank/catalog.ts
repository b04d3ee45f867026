import type { AnyNodeDefinition } from '../core/define';

/** The rerank node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const RERANK_DEFINITIONS: readonly AnyNodeDefinition[] = [];
