import { defineExecutor } from '../../core/context';
import { loadGloveModel } from '../../embed/glove/glove-model';
import { applyScores, keepOrder } from '../shared/reorder';
import { rerankBuiltin } from './definition';
import { blend, candidateFeatures } from './score';

export const rerankBuiltinExecutor = defineExecutor(rerankBuiltin, {
  async execute(ctx, inputs, config) {
    const { retrieved } = inputs;
    const order = { topN: config.topN, bothEnds: config.bothEnds };
    // only the retrieval score weighs: its order is the answer (no rescoring that could reorder ties)
    if (config.lexicalWeight === 0 && config.phraseWeight === 0 && config.gloveWeight === 0) {
      return { retrieved: keepOrder(retrieved, order) };
    }
    const texts = retrieved.items.map((item) => item.text);
    const features = candidateFeatures(retrieved.query, texts, retrieved.items.map((item) => item.score));
    let glove: number[] | undefined;
    if (config.gloveWeight > 0 && texts.length > 0) {
      const model = await loadGloveModel(ctx.models);
      const [query, ...passages] = model.embed([retrieved.query, ...texts]);
      glove = passages.map((p) => p.reduce((sum, x, d) => sum + x * query![d]!, 0));
    }
    const weights = { retrieval: config.retrievalWeight, lexical: config.lexicalWeight, phrase: config.phraseWeight, glove: config.gloveWeight };
    return { retrieved: applyScores(retrieved, blend(features, glove, weights), order) };
  },
});
