/**
 * A promise that rejects with the signal's reason once it aborts (at once if it has), for racing a
 * wait against a cancel. It is handled from the start: whoever races it may subscribe only after an
 * await, and a cancel that comes first would otherwise be an unhandled rejection, which ends a Node
 * process (a worker, and every run it orchestrates). `dispose` removes its listener from the signal,
 * which outlives it (a run's signal serves every task of the run).
 */
export function abortRejection(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let onAbort: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}
