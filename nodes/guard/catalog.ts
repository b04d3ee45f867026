import type { AnyNodeDefinition } from '../core/define';

/** The guard node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const GUARD_DEFINITIONS: readonly AnyNodeDefinition[] = [];
