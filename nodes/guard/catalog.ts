import type { AnyNodeDefinition } from '../core/define';
import { guardRules } from './rules/definition';

/** The guard node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const GUARD_DEFINITIONS: readonly AnyNodeDefinition[] = [guardRules];
