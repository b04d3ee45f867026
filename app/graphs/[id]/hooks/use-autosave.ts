'use client';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/errors';
import type { EditorStore } from '../../../lib/editor/store';
import { useTRPC } from '../../../lib/trpc';

export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export const AUTOSAVE_DELAY_MS = 800;

export interface Autosave {
  status: AutosaveStatus;
  error: string | null;
  /** Saves pending changes now and waits for any save in flight (before versioning or restoring). */
  flush(): Promise<void>;
}

/**
 * Saves the draft (graph.saveDraft) 800 ms after the last change. Saves never overlap: a change made
 * while one is in flight is saved after it, so the server always ends with the newest spec.
 */
export function useAutosave(graphId: string, store: EditorStore): Autosave {
  const trpc = useTRPC();
  const { mutateAsync } = useMutation(trpc.graph.saveDraft.mutationOptions());
  const [status, setStatus] = useState<AutosaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<Promise<void> | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    while (inflight.current) await inflight.current.catch(() => undefined);
    const { spec, revision, savedRevision } = store.getState();
    if (revision <= savedRevision) return;
    setStatus('saving');
    const attempt = mutateAsync({ id: graphId, spec }).then(
      () => {
        store.getState().markSaved(revision);
        const latest = store.getState();
        setError(null);
        setStatus(latest.revision > latest.savedRevision ? 'pending' : 'saved');
      },
      (cause: unknown) => {
        setError(errorMessage(cause));
        setStatus('error');
        throw cause;
      },
    );
    inflight.current = attempt.finally(() => {
      inflight.current = null;
    });
    await attempt;
  }, [graphId, mutateAsync, store]);

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.revision === previous.revision || state.revision <= state.savedRevision) return;
        setStatus((s) => (s === 'saving' ? s : 'pending'));
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_DELAY_MS);
      }),
    [store, flush],
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const { revision, savedRevision } = store.getState();
      if (revision > savedRevision) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      // leaving the editor inside the debounce window: save what is pending instead of dropping it
      const { revision, savedRevision } = store.getState();
      if (revision > savedRevision) void flush().catch(() => undefined);
      else clearTimeout(timer.current);
    };
  }, [store, flush]);

  return { status, error, flush };
}
