import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { abortRejection } from './abort-rejection';

describe('abortRejection', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', record);
    unhandled.length = 0;
  });

  it('rejects with the reason when the signal aborts, and leaves no unhandled rejection behind a late subscriber', async () => {
    process.on('unhandledRejection', record);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    // already aborted: the race subscribes only after an await (as the worker's does after adding its job)
    const { promise } = abortRejection(controller.signal);
    await new Promise((r) => setTimeout(r, 20));
    await expect(Promise.race([promise, new Promise(() => undefined)])).rejects.toThrow('cancelled');
    const later = new AbortController();
    const pending = abortRejection(later.signal);
    later.abort(new Error('stopped later'));
    await new Promise((r) => setTimeout(r, 20));
    await expect(pending.promise).rejects.toThrow('stopped later');
    expect(unhandled).toEqual([]);
  });

  it('takes its listener off the signal when disposed', async () => {
    const controller = new AbortController();
    const listeners = () => getEventListeners(controller.signal, 'abort').length;
    const before = listeners();
    const waits = Array.from({ length: 20 }, () => abortRejection(controller.signal));
    expect(listeners()).toBe(before + 20);
    for (const wait of waits) wait.dispose();
    expect(listeners()).toBe(before);
  });
});

