import type { AnyNodeDefinition } from '../core/define';
import { embedGlove } from './glove/definition';
import { embedOnnx } from './onnx/definition';
import { embedOpenAI } from './openai/definition';

/** The embed node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const EMBED_DEFINITIONS: readonly AnyNodeDefinition[] = [embedGlove, embedOnnx, embedOpenAI];
