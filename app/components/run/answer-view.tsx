'use client';
import { useState } from 'react';
import { splitAtMarkers, type AnswerView as Answer } from './answer';
import { InlineMarkdown } from '../ui/inline-markdown-view';
import './run.css';

/** An answer with its citation markers as buttons that point at the cited passage below. */
export function AnswerView({ answer }: { answer: Answer }) {
  const [flash, setFlash] = useState<string | null>(null);
  const segments = splitAtMarkers(answer.text, answer.citations);
  return (
    <div className="answer" data-testid="answer">
      {answer.blocked && <div className="alert warn">A guardrail stopped this question before retrieval; this is its reply.</div>}
      <p className="answer-text" data-testid="answer-text">
        {segments.map((s, i) =>
          s.kind === 'text' ? (
            <span key={i}>
              <InlineMarkdown text={s.text} />
            </span>
          ) : (
            <button
              key={i}
              type="button"
              className={s.citation ? 'cite-marker' : 'cite-marker missing'}
              title={s.citation ? `${s.citation.title ?? s.citation.sourceId}${s.citation.quote ? `: ${s.citation.quote}` : ''}` : 'no matching citation'}
              onClick={() => s.citation && setFlash(s.marker)}
            >
              {s.marker}
            </button>
          ),
        )}
      </p>
      {answer.citations.length > 0 ? (
        <>
          <h3 className="section-title">Sources</h3>
          <ol className="citations" data-testid="citations">
            {answer.citations.map((c) => (
              <li key={`${c.marker}-${c.chunkId}`} className={flash === c.marker ? 'flash' : undefined} data-testid="citation">
                <strong>{c.marker}</strong> {c.title ?? c.sourceId}
                {c.title && c.title !== c.sourceId && <span className="muted small"> · {c.sourceId}</span>}
                {c.quote && (
                  <div className="quote">
                    “<InlineMarkdown text={c.quote} />”
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : (
        !answer.blocked && <div className="muted small">No sources were cited.</div>
      )}
      {answer.producedBy && <div className="muted small" style={{ marginTop: 8 }}>Produced by {answer.producedBy}</div>}
    </div>
  );
}
