import type { AnyNodeDefinition } from '../core/define';
import { promptCondense } from './condense/definition';
import { promptTemplate } from './template/definition';

/** The prompt node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const PROMPT_DEFINITIONS: readonly AnyNodeDefinition[] = [promptTemplate, promptCondense];
