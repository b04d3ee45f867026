import { describe, expect, it } from 'vitest';
import { conversationHistory } from '../../../nodes/core/values';
import { MAX_HISTORY, withExchange } from './conversation';

describe('withExchange', () => {
  it('appends the question and its answer as a user and an assistant turn', () => {
    const first = withExchange([], ' What are prions? ', 'Misfolded proteins [1].');
    expect(first).toEqual([
      { role: 'user', content: 'What are prions?' },
      { role: 'assistant', content: 'Misfolded proteins [1].' },
    ]);
    expect(withExchange(first, 'Do they die?', 'No.').map((t) => t.content)).toEqual(['What are prions?', 'Misfolded proteins [1].', 'Do they die?', 'No.']);
  });

  it('drops the oldest turns past what a run input takes', () => {
    let history = withExchange([], 'q0', 'a0');
    for (let i = 1; i < 40; i++) history = withExchange(history, `q${i}`, `a${i}`);
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history.at(-1)).toEqual({ role: 'assistant', content: 'a39' });
    expect(history[0]).toEqual({ role: 'user', content: 'q15' });
    expect(conversationHistory.safeParse(history).success).toBe(true);
    expect(conversationHistory.safeParse([...history, { role: 'user', content: 'one more' }]).success).toBe(false);
    // a long answer is cut to fit, not refused by the next run
    expect(conversationHistory.safeParse(withExchange([], 'q', 'x'.repeat(20_000))).success).toBe(true);
  });
});
