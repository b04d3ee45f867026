'use client';
import type { GraphSpec } from '../../../../nodes/core/spec';
import { graphInterface, type InterfaceField } from '../../../lib/editor/graph-interface';
import { plural } from '../../../lib/format';

/** Shown when no node is selected: what the graph takes and gives, before anything is clicked. */
export function GraphOverview({ spec }: { spec: GraphSpec }) {
  const { takes, gives } = graphInterface(spec);
  if (spec.nodes.length === 0) return null;
  return (
    <section className="graph-overview" aria-label="This graph">
      <h3>This graph</h3>
      <FieldList label="Takes" fields={takes} empty="no input node yet: add Query input or File input" />
      <FieldList label="Gives" fields={gives} empty="no output node yet: add Answer output or Result output" />
      <p className="muted small">
        {plural(spec.nodes.length, 'node')} · {plural(spec.edges.length, 'edge')}. Once a version is published
        as an endpoint, its POST requests take and give these fields.
      </p>
    </section>
  );
}

function FieldList({ label, fields, empty }: { label: string; fields: InterfaceField[]; empty: string }) {
  return (
    <div className="graph-overview-fields">
      <div className="graph-overview-label">{label}</div>
      {fields.length === 0 ? (
        <div className="muted small">{empty}</div>
      ) : (
        <ul>
          {fields.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code>
              {f.optional && <span className="muted small"> optional</span>}
              {f.description && <span className="muted small"> — {f.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
