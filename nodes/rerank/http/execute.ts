import { defineExecutor } from '../../core/context';
import { applyScores, keepOrder } from '../shared/reorder';
import { rerankHttp } from './definition';
import { rerankRemote } from './rerank-client';

export const rerankHttpExecutor = defineExecutor(rerankHttp, {
  // one query per request (the APIs take one query), so there is nothing to merge across runs
  async execute(ctx, inputs, config) {
    const { retrieved } = inputs;
    const order = { topN: config.topN, bothEnds: config.bothEnds };
    if (retrieved.items.length === 0) return { retrieved: keepOrder(retrieved, order) };
    const texts = retrieved.items.map((item) => (config.useParentText ? (item.parentText ?? item.text) : item.text));
    const scores = await rerankRemote(retrieved.query, texts, config, ctx.signal);
    return { retrieved: applyScores(retrieved, scores, order) };
  },
});
