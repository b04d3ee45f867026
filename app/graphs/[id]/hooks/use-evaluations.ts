'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorMessage } from '../../../lib/errors';
import { activityByVersion, scoresByVersion } from '../../../lib/evaluation-scores';
import { useTRPC } from '../../../lib/trpc';

/**
 * A graph's evaluations for the history: scores and activity per version, polled while one runs, with
 * cancel and dismiss. `onError` hears what could not be done.
 */
export function useEvaluations(graphId: string, onError: (message: string) => void) {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.evaluation.list.queryOptions({ graphId }),
    // progress of a running evaluation
    refetchInterval: (query) => (query.state.data?.some((e) => e.status === 'running') ? 1500 : false),
  });
  const scores = useMemo(() => scoresByVersion(list.data ?? []), [list.data]);
  const activity = useMemo(() => activityByVersion(list.data ?? []), [list.data]);
  const refresh = () => void list.refetch();
  const cancel = useMutation(trpc.evaluation.cancel.mutationOptions({ onSettled: refresh, onError: (e) => onError(`Could not cancel: ${errorMessage(e)}`) }));
  const dismiss = useMutation(trpc.evaluation.delete.mutationOptions({ onSettled: refresh, onError: (e) => onError(`Could not dismiss: ${errorMessage(e)}`) }));
  return {
    list,
    scores,
    activity,
    refresh,
    cancel: (id: string) => cancel.mutate({ id }),
    dismiss: (id: string) => dismiss.mutate({ id }),
    busy: cancel.isPending || dismiss.isPending,
  };
}
