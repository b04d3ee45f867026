'use client';
import type { SpecDiff } from '../../../../nodes/core/diff';
import { formatValue, isSameGraph, isSemanticChange } from '../../../lib/editor/diff-overlay';
import { plural } from '../../../lib/format';

interface DiffSummaryProps {
  diff: SpecDiff;
  /** what to say when nothing but positions differ, e.g. "v3 and v4 are the same graph". */
  same?: string;
  onFocus?: (nodeId: string) => void;
  /** whether a node can be focused on the canvas (a node of another version may not be there). */
  canFocus?: (nodeId: string) => boolean;
}

/** A diff as a list: nodes added, removed and changed (with each config change), edges added and removed. */
export function DiffSummary({ diff, same = 'No differences', onFocus, canFocus = () => true }: DiffSummaryProps) {
  const changed = diff.nodesChanged.filter(isSemanticChange);
  const moved = diff.nodesChanged.filter((c) => c.moved).length;
  const notes = noteChanges(diff.notes);
  if (isSameGraph(diff)) {
    const asides = [moved ? `only ${plural(moved, 'node position')} moved` : '', notes].filter(Boolean);
    return <p className="muted small">{same}{asides.length ? ` (${asides.join('; ')})` : ''}.</p>;
  }
  const nodeButton = (id: string) =>
    onFocus && canFocus(id) ? (
      <button type="button" className="link-button" onClick={() => onFocus(id)}>
        {id}
      </button>
    ) : (
      <code title={onFocus ? 'Not on the canvas: the current draft has no such node' : undefined}>{id}</code>
    );
  return (
    <div className="diff-summary" aria-label="Differences">
      {diff.nodesAdded.length > 0 && (
        <section>
          <h4 className="diff-added-title">Added nodes</h4>
          <ul>
            {diff.nodesAdded.map((n) => (
              <li key={n.id}>
                {nodeButton(n.id)} <span className="muted small">{n.type}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.nodesRemoved.length > 0 && (
        <section>
          <h4 className="diff-removed-title">Removed nodes</h4>
          <ul>
            {diff.nodesRemoved.map((n) => (
              <li key={n.id}>
                {nodeButton(n.id)} <span className="muted small">{n.type}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {changed.length > 0 && (
        <section>
          <h4 className="diff-changed-title">Changed nodes</h4>
          <ul>
            {changed.map((c) => (
              <li key={c.nodeId} data-testid={`diff-changed-${c.nodeId}`}>
                {nodeButton(c.nodeId)} <span className="muted small">{c.type}</span>
                <ul className="config-changes">
                  {c.typeChanged && <li>type: {c.typeChanged.before} → {c.typeChanged.after}</li>}
                  {c.typeVersion && <li>version: {c.typeVersion.before} → {c.typeVersion.after}</li>}
                  {c.label && <li>name: {formatValue(c.label.before)} → {formatValue(c.label.after)}</li>}
                  {c.config.map((change) => (
                    <li key={change.path.join('.')}>
                      <code>{change.path.join('.') || '(config)'}</code>: <span className="before">{formatValue(change.before)}</span> →{' '}
                      <span className="after">{formatValue(change.after)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {(diff.edgesAdded.length > 0 || diff.edgesRemoved.length > 0) && (
        <section>
          <h4>Edges</h4>
          <ul className="edge-changes">
            {diff.edgesAdded.map((e) => (
              <li key={`+${e.id}`} className="diff-added-title">
                + {e.from} → {e.to}
              </li>
            ))}
            {diff.edgesRemoved.map((e) => (
              <li key={`-${e.id}`} className="diff-removed-title">
                − {e.from} → {e.to}
              </li>
            ))}
          </ul>
        </section>
      )}
      {notes && <p className="muted small diff-notes">{notes[0]!.toUpperCase() + notes.slice(1)}.</p>}
    </div>
  );
}

/** "notes: 1 added, 2 edited": notes do not change what the graph does, so they get one line. */
function noteChanges({ added, removed, edited }: SpecDiff['notes']): string {
  const parts = [[added, 'added'], [edited, 'edited'], [removed, 'removed']] as const;
  const said = parts.filter(([ids]) => ids.length > 0).map(([ids, verb]) => `${ids.length} ${verb}`);
  return said.length ? `notes: ${said.join(', ')}` : '';
}
