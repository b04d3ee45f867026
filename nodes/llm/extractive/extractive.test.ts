import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnswerValue, PromptValue } from '../../core/values';
import { createTestContext } from '../../testing/context';
import { llmExtractive, NO_ANSWER_TEXT } from './definition';
import { llmExtractiveExecutor } from './execute';
import { plainSentence, scoreSentences } from './select-sentences';

// two real SciFact abstracts (corpus ids 13734012 and 4983), CC BY / ODC-By
const abstracts = JSON.parse(readFileSync(new URL('./fixtures/scifact-abstracts.json', import.meta.url), 'utf8')) as Record<string, { title: string; text: string }>;

function prompt(question: string, passages: { id: string; text: string; title?: string }[]): PromptValue {
  return {
    question,
    messages: [{ role: 'user', content: question }],
    context: passages.map((p, i) => ({ marker: `[${i + 1}]`, chunkId: `chunk-${p.id}`, sourceId: p.id, ...(p.title ? { title: p.title } : {}), text: p.text })),
  };
}

async function answer(p: PromptValue, config: Record<string, unknown> = {}) {
  const ctx = createTestContext();
  const out = (await llmExtractiveExecutor.execute!(ctx, { prompt: p } as never, llmExtractive.config.parse(config) as never)) as { answer: AnswerValue };
  return { answer: out.answer, ctx };
}

const prion = { id: '13734012', ...abstracts['13734012']! };
const whiteMatter = { id: '4983', ...abstracts['4983']! };

describe('llm.extractive', () => {
  it('answers a SciFact claim from the relevant abstract and cites it, not the distractor', async () => {
    const { answer: a, ctx } = await answer(prompt('1 in 5 million in UK have abnormal PrP positivity.', [whiteMatter, prion]));
    expect(a.producedBy).toBe('extractive');
    expect(a.citations.map((c) => c.sourceId)).toEqual(['13734012']);
    expect(a.citations[0]?.marker).toBe('[2]');
    expect(a.citations[0]?.title).toBe(prion.title);
    expect(a.citations[0]?.quote).toMatch(/abnormal PrP/);
    expect(a.text).toContain('[2]');
    expect(a.text).not.toContain('[1]');
    // every quoted sentence is verbatim from the passage: nothing is generated
    for (const sentence of a.citations[0]!.quote!.split(/(?<=\.)\s+(?=[A-Z])/)) expect(prion.text).toContain(sentence);
    expect(ctx.events.map((e) => e.data).join('')).toBe(a.text);
  });

  it('never quotes a markdown heading or table row as a sentence', async () => {
    const doc = { id: 'tea', text: '# Green tea\n\nGreen tea is brewed at about 80 degrees Celsius.\n\n| tea | temperature |\n| --- | --- |\n| green tea | 80 |' };
    const { answer: a } = await answer(prompt('At what temperature is green tea brewed?', [doc]));
    expect(a.text).toContain('80 degrees Celsius');
    expect(a.text).not.toMatch(/#|\|/);
  });

  it('says honestly that the documents do not answer when nothing is relevant', async () => {
    const { answer: a } = await answer(prompt('What is the boiling point of mercury on Mars?', [prion, whiteMatter]));
    expect(a).toEqual({ text: NO_ANSWER_TEXT, citations: [], producedBy: 'extractive' });
    const empty = await answer(prompt('Does exercise lower blood pressure?', []));
    expect(empty.answer.text).toBe(NO_ANSWER_TEXT);
  });

  it('prefers the higher-ranked passage when sentences match equally', async () => {
    const s = 'Regular aerobic exercise lowers systolic blood pressure.';
    const p = prompt('Does aerobic exercise lower blood pressure?', [
      { id: 'a', text: 'Sleep quality affects mood. ' + s },
      { id: 'b', text: 'Diet matters. ' + s.replace('Regular', 'Daily') },
    ]);
    const { answer: a } = await answer(p, { maxSentences: 1 });
    expect(a.citations.map((c) => c.sourceId)).toEqual(['a']);
    expect(a.text).toBe('Regular aerobic exercise lowers systolic blood pressure [1].');
  });

  it('composes several sentences in reading order with a marker each, skipping near-duplicates', async () => {
    const p = prompt('How does aspirin affect platelet aggregation and bleeding risk?', [
      { id: 'x', text: 'Aspirin inhibits platelet aggregation. It is cheap. Aspirin increases bleeding risk in older adults.' },
      { id: 'y', text: 'Aspirin inhibits platelet aggregation!' },
      { id: 'z', text: 'Clopidogrel also reduces platelet aggregation and bleeding is a known risk.' },
    ]);
    const { answer: a } = await answer(p, { maxSentences: 3 });
    expect(a.text).toBe(
      'Aspirin inhibits platelet aggregation [1]. Aspirin increases bleeding risk in older adults [1]. ' +
        'Clopidogrel also reduces platelet aggregation and bleeding is a known risk [3].',
    );
    expect(a.citations.map((c) => c.marker)).toEqual(['[1]', '[3]']); // passage 2 only repeats passage 1
    expect(a.citations[0]).toMatchObject({ marker: '[1]', chunkId: 'chunk-x', quote: 'Aspirin inhibits platelet aggregation. Aspirin increases bleeding risk in older adults.' });
    const one = await answer(p, { maxSentences: 1 });
    expect(one.answer.citations.map((c) => c.marker)).toEqual(['[3]']); // most of the question's words
  });

  it('a stricter minRelevance turns a weak match into no answer', async () => {
    const p = prompt('Does vitamin D supplementation prevent fractures in elderly women?', [{ id: 'w', text: 'Elderly women were recruited from clinics.' }]);
    expect((await answer(p, { minRelevance: 0.2 })).answer.citations).toHaveLength(1);
    expect((await answer(p, { minRelevance: 0.5 })).answer.text).toBe(NO_ANSWER_TEXT);
  });

  it('ends unpunctuated lines (titles) with a full stop after the marker, and ignores redaction placeholders', async () => {
    const p = prompt('[EMAIL] Does tumour-associated macrophage infiltration predict breast cancer outcome?', [
      { id: 't', text: 'High infiltration of tumour-associated macrophages predicts unfavourable outcome in breast cancer\nIt was a cohort study.' },
    ]);
    const { answer: a } = await answer(p);
    expect(a.text).toBe('High infiltration of tumour-associated macrophages predicts unfavourable outcome in breast cancer [1].');
    const passage = [{ marker: '[1]', chunkId: 'c', sourceId: 's', text: 'Aspirin thins blood.' }];
    expect(scoreSentences('[EMAIL] aspirin thins blood?', passage, { rankDecay: 0 })[0]?.coverage).toBe(1);
    expect(scoreSentences('email aspirin thins blood?', passage, { rankDecay: 0 })[0]?.coverage).toBeLessThan(1);
  });

  it('quotes Markdown as plain text: emphasis marks and link targets go, code stays', () => {
    expect(plainSentence('Press **Publish**, then __Save__ (see [the guide](https://x.test/g) and `npm start`).')).toBe('Press Publish, then Save (see the guide and `npm start`).');
    expect(plainSentence('2 ** 3 and a_b__c stay')).toBe('2 ** 3 and a_b__c stay');
  });

  it('quotes a sentence hard-wrapped over lines whole, on one line', async () => {
    const p = prompt('Which header does a call to an endpoint need?', [
      { id: 'w', text: '# Calling an endpoint\n\nSend a POST request to the endpoint with the header\n`Authorization: Bearer <key>` and a JSON\nbody. The answer comes back as JSON.' },
    ]);
    const { answer: a } = await answer(p);
    expect(a.text).toBe('Send a POST request to the endpoint with the header `Authorization: Bearer <key>` and a JSON body [1].');
  });

  it("answers a follow-up from the section its heading and the question before it point at", async () => {
    const passages = [
      { id: 'watch', text: '## Watching an endpoint\n\nEvery call becomes a run, tagged with its endpoint and key.' },
      { id: 'call', text: '## Calling an endpoint\n\nTo call an endpoint, send a POST request with a key.' },
    ];
    const followUp = (earlier: string[]): PromptValue => ({
      ...prompt('And how do I call it?', passages),
      messages: [...earlier.map((content) => ({ role: 'user' as const, content })), { role: 'user', content: 'And how do I call it?' }],
    });
    // both sentences share "call" and "endpoint"; the one under "Calling an endpoint" is the answer
    const context = prompt('And how do I call it?', passages).context;
    const withHistory = scoreSentences('And how do I call it?', context, { rankDecay: 0.15 }, 'How do I publish an endpoint?');
    expect(withHistory.map((s) => s.passageIndex)).toEqual([0, 1]);
    expect(withHistory[1]!.score).toBeGreaterThan(withHistory[0]!.score);
    expect((await answer(followUp(['How do I publish an endpoint?']), { maxSentences: 1 })).answer.text).toBe('To call an endpoint, send a POST request with a key [2].');
    // the earlier question's words count too, at a fraction: without them every sentence with "call"
    // covers the question whole; with them, one lacking "publish" does not
    expect(scoreSentences('And how do I call it?', context, { rankDecay: 0.15 }).map((s) => s.coverage)).toEqual([1, 1]);
    expect(withHistory[0]!.coverage).toBeLessThan(1);
  });

  it("leaves out a sentence that shares only a word with a follow-up and answers something else", async () => {
    // what the example graph retrieves for it from the sample guides and three short documents
    const passages = [
      { id: 'green-tea.md', text: '## Brewing\n\nBrew green tea with water at about 80 degrees Celsius for two to three minutes. Boiling water makes it bitter.' },
      { id: 'green-tea.md', text: '# Green tea\n\nGreen tea is made from the leaves of Camellia sinensis. Soon after picking, the leaves are steamed or pan-fired, which stops oxidation and keeps them green.' },
      {
        id: 'sourdough.md',
        text:
          '# Sourdough bread\n\nA sourdough starter is a mixture of flour and water that wild yeast and lactic acid bacteria ferment.\nFeed the starter with fresh flour and water every day, keeping it at room temperature.\n' +
          'Bake the loaf in a hot oven at 250 degrees Celsius, covered for the first twenty minutes so the crust stays soft while the bread rises.',
      },
      { id: 'building-graphs.md', text: '## Versions\n\n**Save version** stores the graph as an immutable version with a message. A version never changes afterwards: runs, endpoints and evaluations refer to it, so what they report stays true.' },
      { id: 'bicycle-care.txt', text: 'Bicycle care\n\nClean and oil the bicycle chain every few hundred kilometres, and more often after riding in rain.\nCheck the tyre pressure every week: soft tyres wear out quickly and make punctures more likely.' },
      { id: 'workers-and-batching.md', text: '## One process or many\n\nWithout `REDIS_URL`, the server runs every graph itself, in one process. With `REDIS_URL` set, runs go through BullMQ queues in Redis.' },
      { id: 'getting-started.md', text: '## Asking a question\n\nOpen the example query graph and press **Run**. Type a question in the run panel: the nodes turn green one after another as they finish.' },
    ];
    const followUp: PromptValue = {
      ...prompt('And for how many minutes?', passages),
      messages: [
        { role: 'user', content: 'At what temperature should green tea be brewed?' },
        { role: 'user', content: 'And for how many minutes?' },
      ],
    };
    // "minutes" alone carries the bread sentence past the relevance bar; beside the tea sentence it is far behind
    const scored = scoreSentences('And for how many minutes?', followUp.context, { rankDecay: 0.15 }, 'At what temperature should green tea be brewed?');
    const bread = scored.find((s) => s.text.startsWith('Bake the loaf'))!;
    expect(bread.coverage).toBeGreaterThan(llmExtractive.config.parse({}).minRelevance);
    const { answer: a } = await answer(followUp);
    expect(a.text).toBe('Brew green tea with water at about 80 degrees Celsius for two to three minutes [1].');
    expect(a.citations.map((c) => c.sourceId)).toEqual(['green-tea.md']);
  });

  it("keeps a weaker sentence of the best sentence's own passage, and drops one as weak from another", async () => {
    const passages = [
      { id: 'publish.md', text: 'To publish a graph as an endpoint, save a version of it and press Publish. Each endpoint has a slug of its own.' },
      { id: 'runs.md', text: 'Every graph run is kept with its trace. A slug names it in the run history.' },
      { id: 'other.md', text: 'Collections hold documents. Chunkers cut them into passages.' },
    ];
    const question = 'How do I publish a graph as an endpoint?';
    const scored = scoreSentences(question, prompt(question, passages).context, { rankDecay: 0.15 });
    const best = Math.max(...scored.map((s) => s.score));
    const sibling = scored.find((s) => s.text.startsWith('Each endpoint'))!;
    const stranger = scored.find((s) => s.text.startsWith('Every graph run'))!;
    // both pass the relevance bar and both are far behind the best sentence
    for (const s of [sibling, stranger]) {
      expect(s.coverage).toBeGreaterThanOrEqual(0.3);
      expect(s.score).toBeLessThan(0.5 * best);
    }
    const { answer: a } = await answer(prompt(question, passages));
    expect(a.text).toBe('To publish a graph as an endpoint, save a version of it and press Publish [1]. Each endpoint has a slug of its own [1].');
  });

  it('refuses a prompt without a question', async () => {
    await expect(answer({ question: ' ', messages: [], context: [] })).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
  });
});
