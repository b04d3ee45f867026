import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { buildPrompt } from './build-prompt';
import { promptTemplate } from './definition';

export const promptTemplateExecutor = defineExecutor(promptTemplate, {
  async execute(_ctx, inputs, config) {
    if (!inputs.query?.text?.trim()) throw new NodeError('EMPTY_INPUT', 'prompt.template got an empty query: connect a query input');
    return { prompt: buildPrompt(inputs.query, inputs.context, config) };
  },
});
