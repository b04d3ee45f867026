import type { AnyNodeDefinition } from '../core/define';
import { delay } from './delay/definition';
import { passthrough } from './passthrough/definition';

/** Utility nodes (client-safe definitions). */
export const UTIL_DEFINITIONS: readonly AnyNodeDefinition[] = [passthrough, delay];
