import type { RunEvent } from '../events';
import type { Runner } from '../index';

/** Resolves at the first event of the run that passes `test`; rejects if none comes within 30 s. */
export function waitForEvent(runner: Runner, runId: string, test: (e: RunEvent) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('event did not come')), 30_000);
    const stop = runner.subscribe(runId, (e) => {
      if (test(e)) {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  });
}
