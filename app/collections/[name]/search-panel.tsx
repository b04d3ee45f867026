'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { CollectionSearchResult } from '../../../server/services/collection-search';
import { GraphSelect, useGraphChoice } from '../../components/ui/graph-picker';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { PassageList } from '../../components/run/passage-list';

const DEFAULT_GRAPH = 'Example: answer questions';

/**
 * Try a query on the collection (retrieval testing): a query graph runs with its retrievers pointed
 * here, and the passages of its final ranking come back in order with their scores, each search a run
 * in the history. For checking what an upload made findable before wiring the collection into a graph.
 */
export function SearchPanel({ collection }: { collection: string }) {
  const trpc = useTRPC();
  const graphChoice = useGraphChoice('query', DEFAULT_GRAPH);
  const chosenGraph = graphChoice.chosen;
  const [query, setQuery] = useState('');
  const [topK, setTopK] = useState(5);
  const search = useMutation(trpc.collection.search.mutationOptions());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenGraph || !query.trim()) return;
    search.mutate({ collection, query, topK, graphId: chosenGraph.id });
  };

  return (
    <section className="card" aria-label="Try a query" data-testid="search-panel">
      <form className="card-body" onSubmit={submit}>
        <h2>Try a query</h2>
        <p className="muted small" style={{ marginTop: 0 }}>
          Ask what a user would ask: a query graph searches this collection and returns the passages it ranks first, with their scores. Each search is a run in the{' '}
          <Link href="/runs">run history</Link>.
        </p>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 280px 90px', gap: 12, alignItems: 'start' }}>
          <div className="field">
            <label htmlFor="search-query">Query</label>
            <input id="search-query" className="input" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="A question these documents should answer" maxLength={10_000} />
          </div>
          <div className="field">
            <label htmlFor="search-graph">Query graph</label>
            <GraphSelect id="search-graph" choice={graphChoice} />
            <span className="hint">Its retrievers search “{collection}” for this query; the graph is not changed.</span>
          </div>
          <div className="field">
            <label htmlFor="search-topk">Passages</label>
            <input id="search-topk" className="input" type="number" min={1} max={50} value={topK} onChange={(e) => setTopK(Math.min(50, Math.max(1, Number(e.target.value) || 1)))} />
          </div>
        </div>
        <button type="submit" className="btn primary" disabled={search.isPending || !chosenGraph || !query.trim()}>
          {search.isPending ? 'Searching…' : 'Search'}
        </button>
      </form>
      {search.error && <div className="alert error" style={{ margin: '0 16px 14px' }}>{errorMessage(search.error)}</div>}
      {search.data && <SearchResults result={search.data} />}
    </section>
  );
}

function SearchResults({ result }: { result: CollectionSearchResult }) {
  const runLink = (
    <Link href={`/runs/${result.runId}`} data-testid="search-run-link">
      Open the run →
    </Link>
  );
  const graph = `${result.graphName}${result.versionNumber ? ` v${result.versionNumber}` : ' (draft)'}`;
  if (result.hits.length === 0) {
    return (
      <div className={result.status === 'succeeded' ? 'alert info' : 'alert error'} style={{ margin: '0 16px 14px' }} data-testid="search-empty">
        {result.error ?? `${graph} found no passage for this query.`} {runLink}
      </div>
    );
  }
  return (
    <div data-testid="search-results">
      <div className="card-body toolbar muted small" style={{ justifyContent: 'space-between', paddingTop: 0 }}>
        <span>
          {result.hits.length} passage{result.hits.length === 1 ? '' : 's'} in the order of <span className="mono">{result.rankedBy?.nodeId}</span> ({result.rankedBy?.type}), {graph}
        </span>
        {runLink}
      </div>
      {result.expandedWith.length > 0 && (
        <div className="card-body muted small" style={{ paddingTop: 0 }} data-testid="search-expansion">
          Relevance feedback also searched for: <span className="mono">{result.expandedWith.join(', ')}</span> (words the best first matches share, searched for in all their forms)
        </div>
      )}
      <PassageList passages={result.hits} />
    </div>
  );
}
