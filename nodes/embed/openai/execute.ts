import { defineExecutor } from '../../core/context';
import { embedBatch, textCount, type EmbedInputs } from '../shared/embed-io';
import { embedOpenAI } from './definition';
import { embedTexts } from './embeddings-client';

export const embedOpenAIExecutor = defineExecutor(embedOpenAI, {
  modelKey: (config) => `openai:${config.baseUrl}|${config.model}`,
  batchWeight: (inputs) => textCount(inputs as EmbedInputs),
  modelBatchSize: (config) => config.batchSize,
  async executeBatch(items) {
    return embedBatch(items, {
      configOf: (item) => item.config,
      prefixes: (config) => ({ query: config.queryPrefix, passage: config.passagePrefix }),
      async embed(texts, config, { signal }) {
        const { dims, vectors } = await embedTexts(texts, config, signal);
        return { model: config.model, dims, vectors };
      },
    });
  },
});
