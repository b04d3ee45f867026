import { log } from '../log';

/**
 * Runs `task` in the background every `everyMs`, the first time after `firstAfterMs` (0: at once):
 * never two passes at once (a slow pass is not overtaken by the next), a failed pass logged and tried
 * again next time, and timers that do not keep the process alive. Returns the stop function. What a
 * web process does on its own: pruning old runs, resuming evaluations, loading web sources that are due.
 */
export function repeatInBackground(label: string, task: () => Promise<unknown>, options: { everyMs: number; firstAfterMs?: number }): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      log.error(`[${label}] failed (tried again in ${Math.round(options.everyMs / 1000)} s):`, (error as Error).message);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void pass(), options.firstAfterMs ?? 0);
  const every = setInterval(() => void pass(), options.everyMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
