import type { NodeExecutor } from '../core/context';
import { llmExtractiveExecutor } from './extractive/execute';
import { llmOpenAIExecutor } from './openai/execute';

/** The llm node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const LLM_EXECUTORS: readonly NodeExecutor[] = [llmExtractiveExecutor, llmOpenAIExecutor];
