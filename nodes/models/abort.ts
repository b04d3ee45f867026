/**
 * A signal for work shared by several runs (one batched model call): it aborts only once every run
 * has been cancelled, so one cancelled run does not fail the others. The reason is the last one's.
 */
export function abortedWhenAll(signals: readonly AbortSignal[]): AbortSignal {
  if (signals.length === 1) return signals[0]!;
  const controller = new AbortController();
  const check = (): void => {
    if (signals.every((s) => s.aborted)) controller.abort(signals[signals.length - 1]?.reason);
  };
  for (const s of signals) s.addEventListener('abort', check, { once: true });
  check();
  return controller.signal;
}
