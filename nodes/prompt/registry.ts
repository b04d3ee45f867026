import type { NodeExecutor } from '../core/context';
import { promptCondenseExecutor } from './condense/execute';
import { promptTemplateExecutor } from './template/execute';

/** The prompt node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const PROMPT_EXECUTORS: readonly NodeExecutor[] = [promptTemplateExecutor, promptCondenseExecutor];
