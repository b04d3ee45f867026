import type { NodeExecutor } from '../core/context';
import { rerankBuiltinExecutor } from './builtin/execute';
import { rerankHttpExecutor } from './http/execute';
import { rerankOnnxExecutor } from './onnx/execute';

/** The rerank node executors (server-only). Listed by hand; nodes/registry.ts gathers every category. */
export const RERANK_EXECUTORS: readonly NodeExecutor[] = [rerankBuiltinExecutor, rerankOnnxExecutor, rerankHttpExecutor];
