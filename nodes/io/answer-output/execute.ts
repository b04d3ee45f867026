import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { answerOutput } from './definition';

export const answerOutputExecutor = defineExecutor(answerOutput, {
  async execute(ctx, inputs) {
    const answer = inputs.answer[0];
    if (!answer) throw new NodeError('EMPTY_INPUT', 'no answer reached the output node');
    ctx.setOutput({ answer });
    return {};
  },
});
