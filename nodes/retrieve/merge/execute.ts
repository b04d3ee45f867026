import { defineExecutor } from '../../core/context';
import { retrieveMerge } from './definition';
import { mergeRetrieved, nameLists } from './merge';

export const retrieveMergeExecutor = defineExecutor(retrieveMerge, {
  async execute(ctx, inputs, config) {
    return { retrieved: mergeRetrieved(nameLists(inputs.retrieved, ctx.inputFrom.retrieved), config) };
  },
});
