import type { AnyNodeDefinition } from '../core/define';
import { retrieveMerge } from './merge/definition';
import { retrievePgvector } from './pgvector/definition';

/** The retrieve node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const RETRIEVE_DEFINITIONS: readonly AnyNodeDefinition[] = [retrievePgvector, retrieveMerge];
