'use client';
import { useSubscription } from '@trpc/tanstack-react-query';
import { skipToken } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { applyRunEvent, emptyLiveRun, type LiveRun } from './live-run';
import type { RunEvent } from './types';

/**
 * Follows a run's live events (run.events over SSE) into a LiveRun. `onEvent` hears every event as it
 * arrives (the editor colours canvas nodes from it). A run that already ended replays its state and closes.
 */
export function useLiveRun(runId: string | null, options: { enabled?: boolean; onEvent?: (event: RunEvent, state: LiveRun) => void } = {}) {
  const trpc = useTRPC();
  const [state, setState] = useState<LiveRun | null>(runId ? emptyLiveRun(runId) : null);
  const stateRef = useRef(state);
  const onEvent = useRef(options.onEvent);
  useEffect(() => {
    onEvent.current = options.onEvent;
  });
  useEffect(() => {
    const fresh = runId ? emptyLiveRun(runId) : null;
    stateRef.current = fresh;
    setState(fresh);
  }, [runId]);

  const subscription = useSubscription(
    trpc.run.events.subscriptionOptions(runId && options.enabled !== false ? { id: runId } : skipToken, {
      onData(event) {
        const current = stateRef.current;
        if (!current || current.runId !== event.runId) return;
        const next = applyRunEvent(current, event);
        stateRef.current = next;
        setState(next);
        onEvent.current?.(event, next);
      },
    }),
  );
  return { live: state, error: subscription.error, connection: subscription.status };
}
