import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../llm/shared/tokens';
import { createTestContext } from '../../testing/context';
import type { ConversationTurn, RetrievedItem, RetrievedValue } from '../../core/values';
import { promptTemplate } from './definition';
import { promptTemplateExecutor } from './execute';

function item(n: number, text: string, extra: Partial<RetrievedItem> = {}): RetrievedItem {
  return { chunkId: `c${n}`, documentId: `d${n}`, sourceId: `s${n}`, text, score: 1 / n, metadata: { title: `Doc ${n}` }, ...extra };
}

function retrieved(items: RetrievedItem[]): RetrievedValue {
  return { query: 'q', items };
}

async function run(config: Record<string, unknown>, items?: RetrievedItem[], question = 'What lowers blood pressure?', history?: ConversationTurn[]) {
  const parsed = promptTemplate.config.parse(config);
  const out = await promptTemplateExecutor.execute!(createTestContext(), { query: { text: question, history }, context: items && retrieved(items) } as never, parsed as never);
  return (out as { prompt: import('../../core/values').PromptValue }).prompt;
}

describe('prompt.template', () => {
  it('numbers passages with markers, keeps their ids and titles, and fills the default template', async () => {
    const prompt = await run({}, [item(1, 'Salt raises blood pressure.'), item(2, 'Exercise lowers blood pressure.')]);
    expect(prompt.question).toBe('What lowers blood pressure?');
    expect(prompt.context.map((c) => [c.marker, c.chunkId, c.sourceId, c.title])).toEqual([
      ['[1]', 'c1', 's1', 'Doc 1'],
      ['[2]', 'c2', 's2', 'Doc 2'],
    ]);
    expect(prompt.messages[0]?.role).toBe('system');
    expect(prompt.messages[0]?.content).toContain('[1]');
    const user = prompt.messages[1]!;
    expect(user.role).toBe('user');
    expect(user.content).toBe(
      'Context:\n[1] Doc 1\nSalt raises blood pressure.\n\n[2] Doc 2\nExercise lowers blood pressure.\n\nQuestion: What lowers blood pressure?',
    );
  });

  it('puts the latest turns of the conversation between the system message and the question', async () => {
    const history: ConversationTurn[] = [
      { role: 'user', content: 'What is hypertension?' },
      { role: 'assistant', content: 'High blood pressure [1].' },
      { role: 'user', content: 'Who gets it?' },
      { role: 'assistant', content: 'Mostly older adults [2].' },
    ];
    const prompt = await run({ historyMessages: 3 }, [item(1, 'Exercise lowers blood pressure.')], 'What lowers it?', history);
    expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user', 'assistant', 'user']);
    expect(prompt.messages.slice(1, 4).map((m) => m.content)).toEqual(['High blood pressure [1].', 'Who gets it?', 'Mostly older adults [2].']);
    expect(prompt.messages.at(-1)!.content).toContain('Question: What lowers it?');
    // 0 leaves the conversation out; without history nothing changes
    expect((await run({ historyMessages: 0 }, undefined, 'What lowers it?', history)).messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect((await run({}, undefined, 'What lowers it?')).messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('fills custom variables in system and template', async () => {
    const prompt = await run(
      { system: 'Answer for {{audience}}.', template: '{{question}} ({{audience}})\n{{context}}', variables: { audience: 'clinicians' }, includeTitles: false },
      [item(1, 'A.')],
    );
    expect(prompt.messages[0]?.content).toBe('Answer for clinicians.');
    expect(prompt.messages[1]?.content).toBe('What lowers blood pressure? (clinicians)\n[1] A.');
  });

  it('drops the lowest-ranked passages first, then truncates the last one that partly fits', async () => {
    const long = (n: number) => Array.from({ length: 200 }, (_, i) => `word${n}x${i}`).join(' '); // ~ 500+ tokens each
    const items = [item(1, long(1)), item(2, long(2)), item(3, long(3)), item(4, long(4))];
    const budget = estimateTokens(`[1] Doc 1\n${long(1)}`) + 100;
    const prompt = await run({ maxContextTokens: budget }, items);
    expect(prompt.context.map((c) => c.chunkId)).toEqual(['c1', 'c2']);
    expect(prompt.context[0]?.text).toBe(long(1));
    const cut = prompt.context[1]!.text;
    expect(cut.endsWith(' …')).toBe(true);
    expect(long(2).startsWith(cut.slice(0, -2))).toBe(true);
    const used = prompt.context.reduce((n, c) => n + estimateTokens(`${c.marker} ${c.title}\n`) + estimateTokens(c.text), 0);
    expect(used).toBeLessThanOrEqual(budget);
    expect(prompt.messages[1]?.content).not.toContain('word3x0');
  });

  it('skips a partial passage too small to be useful', async () => {
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const first = estimateTokens(`[1] Doc 1\n${long}`);
    const prompt = await run({ maxContextTokens: first + 10 }, [item(1, long), item(2, long + ' more')]);
    expect(prompt.context.map((c) => c.chunkId)).toEqual(['c1']);
  });

  it('respects maxPassages', async () => {
    const prompt = await run({ maxPassages: 2 }, [item(1, 'a1'), item(2, 'a2'), item(3, 'a3')]);
    expect(prompt.context).toHaveLength(2);
  });

  it('small-to-big: uses parent text and shows a shared parent once', async () => {
    const parent = 'The whole section about exercise and blood pressure.';
    const prompt = await run({ useParentText: true }, [
      item(1, 'exercise', { parentText: parent }),
      item(2, 'blood pressure', { parentText: parent }),
      item(3, 'Other text.'),
    ]);
    expect(prompt.context.map((c) => [c.marker, c.chunkId, c.text])).toEqual([
      ['[1]', 'c1', parent],
      ['[2]', 'c3', 'Other text.'],
    ]);
    const plain = await run({}, [item(1, 'exercise', { parentText: parent })]);
    expect(plain.context[0]?.text).toBe('exercise');
  });

  it('works without context (the input is optional)', async () => {
    const prompt = await run({}, undefined);
    expect(prompt.context).toEqual([]);
    expect(prompt.messages[1]?.content).toContain('(no passages were retrieved)');
  });

  it('rejects configs with unknown or shadowing variables, or no {{question}}', () => {
    const bad = (config: Record<string, unknown>) => promptTemplate.config.safeParse(config);
    const unknown = bad({ template: '{{question}} {{tone}}' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toContain('unknown variable {{tone}}');
    expect(bad({ template: '{{question}}', variables: { context: 'x' } }).error?.issues[0]?.message).toContain('filled in by the node');
    expect(bad({ template: 'Context: {{context}}' }).error?.issues[0]?.message).toContain('{{question}}');
    expect(bad({ maxContextTokens: 10 }).success).toBe(false);
    expect(bad({}).success).toBe(true);
  });

  it('refuses an empty query with EMPTY_INPUT', async () => {
    await expect(run({}, [], '  ')).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
  });
});
