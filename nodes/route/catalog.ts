import type { AnyNodeDefinition } from '../core/define';

/** The route node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const ROUTE_DEFINITIONS: readonly AnyNodeDefinition[] = [];
