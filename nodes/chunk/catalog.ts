import type { AnyNodeDefinition } from '../core/define';
import { fixedChunk } from './fixed/definition';
import { recursiveChunk } from './recursive/definition';
import { semanticChunk } from './semantic/definition';
import { sentenceWindowChunk } from './sentence-window/definition';

/** The chunk node definitions (client-safe). Listed by hand; nodes/catalog.ts gathers every category. */
export const CHUNK_DEFINITIONS: readonly AnyNodeDefinition[] = [recursiveChunk, fixedChunk, sentenceWindowChunk, semanticChunk];
