import type { AnyNodeDefinition } from '../core/define';

/** The embed node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const EMBED_DEFINITIONS: readonly AnyNodeDefinition[] = [];
