import { defineExecutor } from '../../core/context';
import { chunkDocuments, requireConfig } from '../shared/chunk-documents';
import { recursiveChunk } from './definition';
import { planRecursive } from './plan';

export const recursiveChunkExecutor = defineExecutor(recursiveChunk, {
  async execute(ctx, inputs, config) {
    requireConfig(config.overlap < config.chunkSize, `chunk.recursive: overlap (${config.overlap}) must be smaller than chunkSize (${config.chunkSize})`);
    requireConfig(
      config.parentSize === 0 || config.parentSize > config.chunkSize,
      `chunk.recursive: parentSize (${config.parentSize}) must be 0 (off) or larger than chunkSize (${config.chunkSize})`,
    );
    const chunks = await chunkDocuments(ctx, inputs.documents, 'recursive', (doc, sections) => planRecursive(doc, sections, config));
    return { chunks };
  },
});
