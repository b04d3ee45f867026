import { setTimeout as sleep } from 'node:timers/promises';
import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { delay } from './definition';

export const delayExecutor = defineExecutor(delay, {
  async execute(ctx, inputs, config) {
    try {
      await sleep(config.ms, undefined, { signal: ctx.signal });
    } catch {
      throw new NodeError('CANCELLED', `stopped after being cancelled while waiting ${config.ms} ms`);
    }
    return { value: inputs.value };
  },
});
