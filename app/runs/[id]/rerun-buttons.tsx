'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

/**
 * "Run again" with the run's stored input: on what it ran (its version, or the draft as it was), or
 * on the graph's draft as it is now, to see whether an edit fixed this input. Opens the new run.
 */
export function RerunButtons({ runId, ranOn }: { runId: string; ranOn: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rerun = useMutation(trpc.run.rerun.mutationOptions({ onSuccess: ({ runId: next }) => router.push(`/runs/${next}?after=${runId}`) }));
  return (
    <div className="rerun">
      <div className="rerun-buttons">
        <button
          type="button"
          className="btn"
          onClick={() => rerun.mutate({ id: runId, on: 'same' })}
          disabled={rerun.isPending}
          title={`The same input on ${ranOn}, as this run had it`}
        >
          Run again
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => rerun.mutate({ id: runId, on: 'draft' })}
          disabled={rerun.isPending}
          title="The same input on the graph's draft as it is now: does an edit fix it?"
        >
          Run on the current draft
        </button>
      </div>
      {rerun.error && (
        <div className="alert error small" role="alert">
          Could not run it again: {errorMessage(rerun.error)}
        </div>
      )}
    </div>
  );
}
