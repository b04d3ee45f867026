import { defineExecutor } from '../../core/context';
import { embedBatch, textCount, type EmbedInputs } from '../shared/embed-io';
import { embedGlove } from './definition';
import { GLOVE_MODEL_ID, loadGloveModel } from './glove-model';

export const embedGloveExecutor = defineExecutor(embedGlove, {
  modelKey: () => GLOVE_MODEL_ID,
  batchWeight: (inputs) => textCount(inputs as EmbedInputs),
  async executeBatch(items) {
    const first = items[0];
    if (!first) return [];
    const model = await loadGloveModel(first.ctx.models);
    return embedBatch(items, {
      configOf: () => ({}),
      embed: async (texts) => ({ model: model.id, dims: model.dims, vectors: model.embed(texts) }),
    });
  },
});
