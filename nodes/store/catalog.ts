import type { AnyNodeDefinition } from '../core/define';
import { storePgvector } from './pgvector/definition';

/** The store node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const STORE_DEFINITIONS: readonly AnyNodeDefinition[] = [storePgvector];
