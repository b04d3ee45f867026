import type { NodeExecutor } from '../core/context';
import { parseDocumentExecutor } from './document/execute';

/** The parse node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const PARSE_EXECUTORS: readonly NodeExecutor[] = [parseDocumentExecutor];
