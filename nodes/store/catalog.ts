import type { AnyNodeDefinition } from '../core/define';

/** The store node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const STORE_DEFINITIONS: readonly AnyNodeDefinition[] = [];
