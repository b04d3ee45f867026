import type { AnyNodeDefinition } from '../core/define';

/** The chunk node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const CHUNK_DEFINITIONS: readonly AnyNodeDefinition[] = [];
