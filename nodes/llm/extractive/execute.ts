import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { AnswerValue, Citation, PromptValue } from '../../core/values';
import { llmExtractive, type ExtractiveConfig } from './definition';
import { scoreSentences, selectSentences, withMarker } from './select-sentences';

export const llmExtractiveExecutor = defineExecutor(llmExtractive, {
  async execute(ctx, inputs, config) {
    const { answer, sentences } = extractiveAnswer(inputs.prompt, config);
    // one token event per sentence keeps streaming clients uniform with generative LLM nodes
    sentences.forEach((s, i) => ctx.emit({ type: 'token', data: i === 0 ? s : ` ${s}` }));
    ctx.record({ passages: inputs.prompt.context.length, sentencesUsed: answer.citations.length ? sentences.length : 0 });
    return { answer };
  },
});

/**
 * The user's turn before this one, when the prompt carries a conversation (prompt.template puts the
 * turn being asked, with its context, last): what a follow-up's "it" refers to.
 */
function earlierQuestion(prompt: PromptValue): string {
  return prompt.messages.filter((m) => m.role === 'user').at(-2)?.content ?? '';
}

export function extractiveAnswer(prompt: PromptValue, config: ExtractiveConfig): { answer: AnswerValue; sentences: string[] } {
  const question = prompt.question.trim() || [...prompt.messages].reverse().find((m) => m.role === 'user')?.content.trim() || '';
  if (!question) throw new NodeError('EMPTY_INPUT', 'llm.extractive got a prompt without a question');
  const chosen = selectSentences(scoreSentences(question, prompt.context, config, earlierQuestion(prompt)), config);
  if (chosen.length === 0) {
    return { answer: { text: config.noAnswerText, citations: [], producedBy: 'extractive' }, sentences: [config.noAnswerText] };
  }

  const quotes = new Map<number, string[]>();
  for (const s of chosen) quotes.set(s.passageIndex, [...(quotes.get(s.passageIndex) ?? []), s.text]);
  const citations: Citation[] = [...quotes.entries()].map(([index, texts]) => {
    const passage = prompt.context[index]!;
    return {
      marker: passage.marker,
      chunkId: passage.chunkId,
      sourceId: passage.sourceId,
      ...(passage.title ? { title: passage.title } : {}),
      quote: texts.join(' '),
    };
  });
  const sentences = chosen.map((s) => withMarker(s.text, prompt.context[s.passageIndex]!.marker));
  return { answer: { text: sentences.join(' '), citations, producedBy: 'extractive' }, sentences };
}
