'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '../../lib/trpc';

type GraphKind = 'ingestion' | 'query';

/**
 * The graphs of one kind a form runs against a collection, and the one chosen: the user's pick, else
 * the seeded example named `defaultName`, else the first. Shared by the upload and "Try a query" forms.
 * `readsFiles` keeps only the ingestion graphs with a File input (for uploads; web pages can go
 * through any ingestion graph, which gets a page loader in place of its File input).
 */
export function useGraphChoice(kind: GraphKind, defaultName: string, options: { readsFiles?: boolean } = {}) {
  const trpc = useTRPC();
  const graphs = useQuery(trpc.graph.list.queryOptions());
  const readsFiles = options.readsFiles ?? false;
  const ofKind = useMemo(() => graphs.data?.filter((g) => g.kind === kind && (!readsFiles || g.sources.includes('files'))) ?? [], [graphs.data, kind, readsFiles]);
  const [graphId, setGraphId] = useState('');
  const chosen = ofKind.find((g) => g.id === graphId) ?? ofKind.find((g) => g.name === defaultName) ?? ofKind[0];
  return { graphs: ofKind, chosen, choose: setGraphId, kind };
}

/** A <select> over `useGraphChoice`'s graphs, each with its latest version (or "draft"). */
export function GraphSelect({ id, choice, disabled }: { id: string; choice: ReturnType<typeof useGraphChoice>; disabled?: boolean }) {
  return (
    <select id={id} className="select" value={choice.chosen?.id ?? ''} onChange={(e) => choice.choose(e.target.value)} disabled={disabled || choice.graphs.length === 0}>
      {choice.graphs.length === 0 && <option value="">No {choice.kind} graph — create one from the example</option>}
      {choice.graphs.map((g) => (
        <option key={g.id} value={g.id}>
          {g.name}
          {g.latestVersion ? ` (v${g.latestVersion.number})` : ' (draft)'}
        </option>
      ))}
    </select>
  );
}
