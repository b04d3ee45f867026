import type { AnyNodeDefinition } from '../core/define';
import { rerankBuiltin } from './builtin/definition';
import { rerankHttp } from './http/definition';
import { rerankOnnx } from './onnx/definition';

/** The rerank node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const RERANK_DEFINITIONS: readonly AnyNodeDefinition[] = [rerankBuiltin, rerankOnnx, rerankHttp];
