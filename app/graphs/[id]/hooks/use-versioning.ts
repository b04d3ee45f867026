'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { GraphSpec } from '../../../../nodes/core/spec';
import type { GraphDetail, VersionSummary } from '../../../lib/api-types';
import { errorCode, errorDetails, errorMessage } from '../../../lib/errors';
import type { EditorStore } from '../../../lib/editor/store';
import { useTRPC } from '../../../lib/trpc';

/** The version the editor's draft builds on; saving names it so a stale base is a conflict. */
export interface BaseVersion {
  id: string;
  number: number;
  specHash: string;
}

export interface Conflict {
  latestVersionId: string;
  latestNumber: number;
  /** what the user tried to save, kept for "save mine on top of theirs". */
  message: string;
}

/**
 * Saving versions, restoring old ones and the conflict flow. Every save first flushes the draft
 * autosave so the server's draft and the new version agree.
 */
export function useVersioning(graph: GraphDetail, store: EditorStore, flush: () => Promise<void>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<BaseVersion | null>(graph.latestVersion);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const versions = useQuery(trpc.version.list.queryOptions({ graphId: graph.id }));
  const save = useMutation(trpc.version.save.mutationOptions());
  const restore = useMutation(trpc.version.restore.mutationOptions());

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.version.list.queryKey({ graphId: graph.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.graph.list.queryKey() });
    // an endpoint following the latest version now serves the new one: History's badges move with it
    void queryClient.invalidateQueries({ queryKey: trpc.endpoint.list.queryKey() });
  }, [queryClient, trpc, graph.id]);

  const fetchSpec = useCallback(
    // a saved version never changes: fetched once per page, however often it is compared or restored
    async (versionId: string): Promise<GraphSpec> => (await queryClient.fetchQuery({ ...trpc.version.byId.queryOptions({ id: versionId }), staleTime: Infinity })).spec,
    [queryClient, trpc],
  );

  /** Saves the current draft as a new version on top of `onTopOf` (default: the base). Returns false on conflict. */
  const saveVersion = useCallback(
    async (message: string, onTopOf: BaseVersion | { id: string } | null = base): Promise<VersionSummary | null> => {
      await flush().catch(() => undefined); // the version carries the spec itself; a failed draft save must not block it
      try {
        const version = await save.mutateAsync({ graphId: graph.id, baseVersionId: onTopOf?.id ?? null, spec: store.getState().spec, message: message || undefined });
        setBase(version);
        setConflict(null);
        refresh();
        return version;
      } catch (error) {
        if (errorCode(error) === 'CONFLICT') {
          const details = errorDetails<{ latestVersionId: string | null; latestNumber: number | null }>(error);
          if (details?.latestVersionId && details.latestNumber !== null) {
            setConflict({ latestVersionId: details.latestVersionId, latestNumber: details.latestNumber, message });
            refresh();
            return null;
          }
        }
        throw error;
      }
    },
    [base, flush, save, graph.id, store, refresh],
  );

  /** Conflict: keep my draft and save it as the version after theirs. */
  const saveOnTopOfTheirs = useCallback(async () => {
    if (!conflict) return null;
    return saveVersion(conflict.message, { id: conflict.latestVersionId });
  }, [conflict, saveVersion]);

  /** Conflict: drop my changes and continue from their version. */
  const discardMine = useCallback(async () => {
    if (!conflict) return;
    const latest = await queryClient.fetchQuery(trpc.version.byId.queryOptions({ id: conflict.latestVersionId }));
    store.getState().load(latest.spec);
    setBase({ id: latest.id, number: latest.number, specHash: latest.specHash });
    setConflict(null);
  }, [conflict, queryClient, trpc, store]);

  /** Restores an old version as a new one (the server also makes it the draft). */
  const restoreVersion = useCallback(
    async (versionId: string) => {
      await flush().catch(() => undefined);
      try {
        const version = await restore.mutateAsync({ versionId, baseVersionId: base?.id ?? null });
        const spec = await fetchSpec(versionId);
        store.getState().load(spec, { saved: true });
        setBase(version);
        refresh();
        return version;
      } catch (error) {
        if (errorCode(error) === 'CONFLICT') refresh();
        throw error;
      }
    },
    [flush, restore, base, fetchSpec, store, refresh],
  );

  return {
    graph: { id: graph.id, name: graph.name, kind: graph.kind },
    base,
    versions,
    conflict,
    dismissConflict: () => setConflict(null),
    saveVersion,
    saveOnTopOfTheirs,
    discardMine,
    restoreVersion,
    fetchSpec,
    saving: save.isPending,
    restoring: restore.isPending,
    saveError: save.error && errorCode(save.error) !== 'CONFLICT' ? errorMessage(save.error) : null,
  };
}

export type Versioning = ReturnType<typeof useVersioning>;
