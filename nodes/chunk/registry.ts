import type { NodeExecutor } from '../core/context';
import { fixedChunkExecutor } from './fixed/execute';
import { recursiveChunkExecutor } from './recursive/execute';
import { semanticChunkExecutor } from './semantic/execute';
import { sentenceWindowChunkExecutor } from './sentence-window/execute';

/** The chunk node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const CHUNK_EXECUTORS: readonly NodeExecutor[] = [recursiveChunkExecutor, fixedChunkExecutor, sentenceWindowChunkExecutor, semanticChunkExecutor];
