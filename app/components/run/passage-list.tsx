'use client';
import { useState } from 'react';
import { unwrappedText } from '../../lib/unwrapped-text';
import type { PassageView } from '../../../nodes/core/passage-view';

/** Characters of a passage shown before "more". */
const PREVIEW_CHARS = 360;

/** Ranked passages, best first: rank, title, source, score, and the text (long ones fold). */
export function PassageList({ passages, label }: { passages: readonly PassageView[]; label?: string }) {
  return (
    <ol className="search-hits" aria-label={label}>
      {passages.map((passage) => (
        <PassageRow key={`${passage.rank}-${passage.chunkId}`} passage={passage} />
      ))}
    </ol>
  );
}

function PassageRow({ passage }: { passage: PassageView }) {
  const [open, setOpen] = useState(false);
  const text = unwrappedText(passage.text);
  const long = text.length > PREVIEW_CHARS;
  return (
    <li data-testid="search-hit">
      <div className="search-hit-head">
        <span className="search-hit-rank">{passage.rank}</span>
        <strong>{passage.title || passage.sourceId}</strong>
        <span className="mono small muted">{passage.sourceId}</span>
        <span className="badge" title="The ranking node's score (higher ranks first)">
          score {passage.score.toFixed(3)}
        </span>
      </div>
      <p className="search-hit-text">
        {open || !long ? text : `${text.slice(0, PREVIEW_CHARS).trimEnd()}…`}{' '}
        {long && (
          <button type="button" className="btn ghost small" onClick={() => setOpen(!open)}>
            {open ? 'less' : 'more'}
          </button>
        )}
      </p>
    </li>
  );
}
