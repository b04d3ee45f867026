import { defineExecutor } from '../../core/context';
import { passthrough } from './definition';

export const passthroughExecutor = defineExecutor(passthrough, {
  async execute(_ctx, inputs) {
    return { value: inputs.value };
  },
});
