import type { AnyNodeDefinition } from '../core/define';
import { llmExtractive } from './extractive/definition';
import { llmOpenAI } from './openai/definition';

/** The llm node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const LLM_DEFINITIONS: readonly AnyNodeDefinition[] = [llmExtractive, llmOpenAI];
