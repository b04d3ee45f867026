import { defineExecutor } from '../../core/context';
import { resultOutput } from './definition';

export const resultOutputExecutor = defineExecutor(resultOutput, {
  async execute(ctx, inputs, config) {
    ctx.setOutput({ [config.field]: inputs.value.length === 1 ? inputs.value[0] : inputs.value });
    return {};
  },
});
