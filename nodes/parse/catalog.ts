import type { AnyNodeDefinition } from '../core/define';
import { parseDocument } from './document/definition';

/** The parse node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const PARSE_DEFINITIONS: readonly AnyNodeDefinition[] = [parseDocument];
