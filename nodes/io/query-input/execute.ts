import { defineExecutor } from '../../core/context';
import { readRunInput } from '../../core/io';
import { queryInput, queryInputFields } from './definition';

export const queryInputExecutor = defineExecutor(queryInput, {
  async execute(ctx) {
    const { query, filters, topK, history } = readRunInput(ctx.runInput, queryInputFields);
    return { query: { text: query, filters, topK, ...(history?.length ? { history } : {}) } };
  },
});
