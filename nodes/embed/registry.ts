import type { NodeExecutor } from '../core/context';
import { embedGloveExecutor } from './glove/execute';
import { embedOnnxExecutor } from './onnx/execute';
import { embedOpenAIExecutor } from './openai/execute';

/** The embed node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const EMBED_EXECUTORS: readonly NodeExecutor[] = [embedGloveExecutor, embedOnnxExecutor, embedOpenAIExecutor];
