import { defineExecutor } from '../../core/context';
import { loadGloveModel } from '../../embed/glove/glove-model';
import { chunkDocuments, requireConfig } from '../shared/chunk-documents';
import { semanticChunk } from './definition';
import { planSemantic } from './plan';

export const semanticChunkExecutor = defineExecutor(semanticChunk, {
  async execute(ctx, inputs, config) {
    requireConfig(config.minChunkSize < config.maxChunkSize, `chunk.semantic: minChunkSize (${config.minChunkSize}) must be smaller than maxChunkSize (${config.maxChunkSize})`);
    // the GloVe model stays warm in the model host, shared with embed.glove
    const glove = await loadGloveModel(ctx.models);
    const chunks = await chunkDocuments(ctx, inputs.documents, 'semantic', (doc, sections) => planSemantic(doc.text, sections, (texts) => glove.embed(texts), config));
    ctx.record({ embeddingModel: glove.id });
    return { chunks };
  },
});
