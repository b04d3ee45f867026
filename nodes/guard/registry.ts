import type { NodeExecutor } from '../core/context';
import { guardRulesExecutor } from './rules/execute';

/** The guard node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const GUARD_EXECUTORS: readonly NodeExecutor[] = [guardRulesExecutor];
