import { z } from 'zod';
import { defineNode } from '../../core/define';
import { answerValue } from '../../core/values';

export const answerOutput = defineNode({
  type: 'io.answer-output',
  typeVersion: 1,
  title: 'Answer output',
  category: 'io',
  description:
    'Exit point of a query graph: the answer and its citations. Several edges may arrive (say from an LLM and from a guardrail that blocked); the first answer that arrives is returned.',
  role: 'exit',
  inputs: { answer: { kind: 'answer', label: 'Answer', multiple: true } },
  outputs: {},
  config: z.object({}),
  resources: { device: 'any' },
  io: () => z.object({ answer: answerValue.describe('The answer text, the passages it cites, and what produced it.') }),
});
