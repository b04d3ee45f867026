'use client';
import { useQuery } from '@tanstack/react-query';
import { plural } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

/**
 * Which collection an evaluation searches: '' for the one the version's retrievers name, else a
 * collection where the corpus the judgements are about was ingested.
 */
export function CollectionField({ id, value, onChange }: { id: string; value: string; onChange: (collection: string) => void }) {
  const trpc = useTRPC();
  const collections = useQuery(trpc.collection.list.queryOptions());
  return (
    <div className="field">
      <label htmlFor={id}>Collection</label>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">The one the version’s retriever searches</option>
        {collections.data?.map((c) => (
          <option key={c.id} value={c.name}>
            {c.name} ({plural(c.documentCount, 'document')})
          </option>
        ))}
      </select>
      <span className="hint">Where the corpus the judgements name was ingested, if not there. The version runs as saved otherwise.</span>
    </div>
  );
}
