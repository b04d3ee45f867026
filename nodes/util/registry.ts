import type { NodeExecutor } from '../core/context';
import { delayExecutor } from './delay/execute';
import { passthroughExecutor } from './passthrough/execute';

/** Utility node executors (server-only). */
export const UTIL_EXECUTORS: readonly NodeExecutor[] = [passthroughExecutor, delayExecutor];
