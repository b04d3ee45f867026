'use client';
import { plural } from '../../lib/format';
import { findAnswer } from './answer';
import { AnswerView } from './answer-view';
import { JsonView } from './json-view';
import { PassageList } from './passage-list';
import { findPassages } from './passages';

/**
 * A run's output where no answer is: ranked passages (a retrieval-only graph) as a list, with the
 * whole output as JSON a click away; anything else as JSON.
 */
export function RunOutputView({ output }: { output: unknown }) {
  const found = findPassages(output);
  if (!found) return <JsonView value={output} label="Run output" />;
  return (
    <div className="run-passages" data-testid="run-passages">
      <div className="muted small">
        {plural(found.passages.length, 'passage')} in <span className="mono">{found.field}</span>
        {found.query && <> for “{found.query}”</>}
      </div>
      {found.passages.length > 0 && <PassageList passages={found.passages} label="Passages" />}
      <details>
        <summary className="small muted">The output as JSON</summary>
        <JsonView value={output} label="Run output" />
      </details>
    </div>
  );
}

/** What a run gave, when nothing else goes between: its answer with citations, else its output as above. */
export function RunResultView({ output }: { output: unknown }) {
  const answer = findAnswer(output);
  if (answer) return <AnswerView answer={answer} />;
  return output ? <RunOutputView output={output} /> : null;
}
