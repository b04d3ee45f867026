import { defineExecutor } from '../../core/context';
import { chunkDocuments } from '../shared/chunk-documents';
import { sentenceWindowChunk } from './definition';
import { planSentenceWindow } from './plan';

export const sentenceWindowChunkExecutor = defineExecutor(sentenceWindowChunk, {
  async execute(ctx, inputs, config) {
    const chunks = await chunkDocuments(ctx, inputs.documents, 'sentence-window', (doc) => planSentenceWindow(doc.text, config));
    return { chunks };
  },
});
