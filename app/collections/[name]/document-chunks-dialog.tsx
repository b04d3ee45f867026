'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChunkSummary } from '../../../server/services/document-chunks';
import { Dialog } from '../../components/ui/dialog';
import { errorMessage } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { chunkPlacement } from './chunk-placement';

const PAGE = 50;

/**
 * A document's chunks as the chunker cut them and the store indexed them, in reading order: for
 * judging a chunker's settings on real documents (are sections split mid-sentence, are chunks too
 * small to answer from) without running a query.
 */
export function DocumentChunksDialog(props: { collection: string; sourceId: string; title: string; onClose: () => void }) {
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const chunks = useQuery({
    ...trpc.collection.chunks.queryOptions({ name: props.collection, sourceId: props.sourceId, limit: PAGE, offset }),
    placeholderData: (previous) => previous,
  });
  const data = chunks.data;
  const parentPosition = new Map(data?.chunks.map((c, i) => [c.id, offset + i + 1]) ?? []);
  return (
    <Dialog title={`Chunks of ${props.title}`} onClose={props.onClose} wide>
      <p className="muted small" style={{ marginTop: 0 }} data-testid="chunks-summary">
        <span className="mono">{props.sourceId}</span>
        {data && ` · ${data.document.mimeType} · ${plural(data.total, 'chunk')}`}
      </p>
      {chunks.error && <div className="alert error">Could not load the chunks: {errorMessage(chunks.error)}</div>}
      {chunks.isPending && <div className="muted">Loading chunks…</div>}
      {data && data.total === 0 && <div className="empty">This document has no chunks: its text was empty, or the chunker kept nothing of it.</div>}
      {data && data.chunks.length > 0 && (
        <ol className="chunk-list" start={offset + 1} aria-label={`Chunks of ${props.title}`}>
          {data.chunks.map((chunk, i) => (
            <ChunkItem key={chunk.id} chunk={chunk} position={offset + i + 1} parentPosition={chunk.parentChunkId ? parentPosition.get(chunk.parentChunkId) : undefined} />
          ))}
        </ol>
      )}
      {data && data.total > PAGE && (
        <div className="toolbar" style={{ justifyContent: 'flex-end', marginTop: 10 }}>
          <span className="muted small">
            {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}
          </span>
          <button type="button" className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <button type="button" className="btn small" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </Dialog>
  );
}

function ChunkItem({ chunk, position, parentPosition }: { chunk: ChunkSummary; position: number; parentPosition?: number }) {
  const placement = chunkPlacement(chunk.metadata);
  return (
    <li data-testid="chunk">
      <div className="chunk-head">
        <span className="search-hit-rank">{position}</span>
        <span className="small muted" title={chunk.isParent ? undefined : 'Its length for BM25: the words search indexed (stop words left out, the title included when the store indexes titles)'}>
          {plural(chunk.text.length, 'character')}
          {chunk.isParent ? '' : ` · ${plural(chunk.tokenCount, 'word')} indexed`}
        </span>
        {chunk.isParent && (
          <span className="badge info" title="A small-to-big parent: returned in place of the chunks inside it; neither embedded nor indexed itself">
            parent
          </span>
        )}
        {chunk.parentChunkId && (
          <span className="badge" title="Found by its own text; a retriever returns its parent's wider text">
            {parentPosition ? `inside ${parentPosition}` : 'inside a parent'}
          </span>
        )}
        {!chunk.isParent && !chunk.embedded && (
          <span className="badge warn" title="No vector: dense search cannot find it (lexical search still can)">
            not embedded
          </span>
        )}
      </div>
      {placement.length > 0 && <div className="chunk-placement small muted">{placement.join(' · ')}</div>}
      <p className="chunk-text">{chunk.text}</p>
    </li>
  );
}

