import { defineExecutor } from '../../core/context';
import { chunkDocuments, requireConfig } from '../shared/chunk-documents';
import { fixedChunk } from './definition';
import { planFixed } from './plan';

export const fixedChunkExecutor = defineExecutor(fixedChunk, {
  async execute(ctx, inputs, config) {
    requireConfig(config.overlap < config.size, `chunk.fixed: overlap (${config.overlap}) must be smaller than size (${config.size})`);
    const chunks = await chunkDocuments(ctx, inputs.documents, 'fixed', (doc) => planFixed(doc.text, config));
    return { chunks };
  },
});
