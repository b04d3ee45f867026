import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { queryInput, queryInputFields } from './definition';

export const queryInputExecutor = defineExecutor(queryInput, {
  async execute(ctx) {
    const parsed = queryInputFields.safeParse(ctx.runInput);
    if (!parsed.success) {
      throw new NodeError('INVALID_INPUT', `run input: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    }
    const { query, filters, topK, history } = parsed.data;
    return { query: { text: query, filters, topK, ...(history?.length ? { history } : {}) } };
  },
});
