import { defineExecutor } from '../../core/context';
import { retrieveMerge } from './definition';
import { mergeRetrieved } from './merge';

export const retrieveMergeExecutor = defineExecutor(retrieveMerge, {
  async execute(_ctx, inputs, config) {
    return { retrieved: mergeRetrieved(inputs.retrieved, config) };
  },
});
