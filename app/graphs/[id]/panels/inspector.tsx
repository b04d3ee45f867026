'use client';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PORT_COLORS, type PortMap } from '../../../../nodes/core/ports';
import { CATEGORY_LABELS, editorCatalog } from '../../../lib/editor/catalog';
import { shortMessage } from '../../../lib/editor/issues';
import { plural } from '../../../lib/format';
import { useRunPanelState } from '../../../components/run/run-panel-state';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import { ConfigForm } from './config-form';
import { GraphOverview } from './graph-overview';
import { LastRunOutput } from './last-run-output';

/** The selected node: its name, ports, problems and the generated config form. */
export function Inspector() {
  const store = useEditorStore();
  const { selectedNodes, selectedEdges, selectedNotes, readOnly } = useEditor(
    useShallow((s) => ({ selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges, selectedNotes: s.selectedNotes, readOnly: s.diff !== null })),
  );
  const node = useEditor((s) => (s.selectedNodes.length === 1 ? s.spec.nodes.find((n) => n.id === s.selectedNodes[0]) : undefined));
  const issues = useEditor((s) => (node ? s.issues.byNode.get(node.id) : undefined));
  const spec = useEditor((s) => s.spec);

  if (selectedNodes.length > 1 || (selectedNodes.length === 0 && selectedEdges.length + selectedNotes.length > 0)) {
    const parts = [
      selectedNodes.length && plural(selectedNodes.length, 'node'),
      selectedEdges.length && plural(selectedEdges.length, 'edge'),
      selectedNotes.length && plural(selectedNotes.length, 'note'),
    ].filter(Boolean);
    return (
      <div className="inspector">
        <p>{parts.join(' and ')} selected.</p>
        <button type="button" className="btn danger" disabled={readOnly} onClick={() => store.getState().deleteSelection()}>
          Delete selection
        </button>
      </div>
    );
  }
  if (!node) {
    return (
      <div className="inspector empty-inspector">
        <GraphOverview spec={spec} />
        <h3>No node selected</h3>
        <p className="muted small">Select a node to edit its settings. Add nodes from the palette, then drag from an output (right side of a node) to an input (left side of another).</p>
        <p className="muted small">Port colours show what flows through them; a port accepts only the kinds that fit.</p>
        <p className="muted small">
          Let go of a connection on empty canvas to pick a node that takes it. <kbd>L</kbd> tidies the layout, <kbd>N</kbd> adds a note, <kbd>Ctrl</kbd>+<kbd>F</kbd> finds a
          node; <kbd>?</kbd> lists every shortcut.
        </p>
      </div>
    );
  }
  const definition = editorCatalog.get(node.type, node.typeVersion);
  return (
    <div className="inspector" key={node.id}>
      <div className="inspector-head">
        <h3>{definition?.title ?? node.type}</h3>
        <span className="badge">{definition ? CATEGORY_LABELS[definition.category] : 'unknown'}</span>
      </div>
      <div className="inspector-type">
        <span className="muted small mono">
          {node.type}@{node.typeVersion}
        </span>
        {definition && definition.role !== 'entry' && (
          <button
            type="button"
            className="btn small"
            onClick={() => useRunPanelState.getState().runUpTo(node.id)}
            title="Run this node and the nodes that feed it, and see what it gives: the rest of the graph need not be finished"
          >
            ▶ Run up to here
          </button>
        )}
      </div>
      {definition && <Description text={definition.description} />}
      <LastRunOutput nodeId={node.id} />
      {!definition && (
        <div className="alert error small">
          This node type is not in the catalog ({node.type}, version {node.typeVersion}). Delete it or replace it with a known type.
        </div>
      )}
      {issues && issues.length > 0 && (
        <ul className="inspector-issues" aria-label="Problems of this node">
          {issues.map((issue, i) => (
            <li key={i}>{shortMessage(issue)}</li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="node-label">Display name</label>
        <input
          id="node-label"
          className="input"
          value={node.label ?? ''}
          placeholder={definition?.title}
          disabled={readOnly}
          maxLength={200}
          onChange={(e) => store.getState().setLabel(node.id, e.target.value)}
        />
        <span className="hint">
          Id <code>{node.id}</code> (used in edges, traces and run output)
        </span>
      </div>
      {definition && <Ports inputs={definition.inputs} outputs={definition.outputs} />}
      {definition && (
        <>
          <h4 className="section-title">Settings</h4>
          <ConfigForm node={node} definition={definition} readOnly={readOnly} />
        </>
      )}
      <button type="button" className="btn danger small" disabled={readOnly} onClick={() => store.getState().deleteSelection()}>
        Delete node
      </button>
    </div>
  );
}

/** Long node descriptions fold to three lines so the settings stay in view. */
function Description({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 160;
  return (
    <>
      <p className={long && !open ? 'muted small inspector-description clamped' : 'muted small inspector-description'}>{text}</p>
      {long && (
        <button type="button" className="link-button more-button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'Less' : 'More about this node'}
        </button>
      )}
    </>
  );
}

function Ports({ inputs, outputs }: { inputs: PortMap; outputs: PortMap }) {
  const rows = [...Object.entries(inputs).map(([n, p]) => ['in', n, p] as const), ...Object.entries(outputs).map(([n, p]) => ['out', n, p] as const)];
  if (rows.length === 0) return null;
  return (
    <details className="inspector-ports">
      <summary>Ports</summary>
      <ul>
        {rows.map(([side, name, port]) => (
          <li key={`${side}:${name}`}>
            <span className="kind-dot" style={{ background: PORT_COLORS[port.kind] }} aria-hidden /> {side === 'in' ? 'in' : 'out'} <code>{name}</code> · {port.kind}
            {side === 'in' && port.required === false && ' · optional'}
            {port.multiple && ' · several'}
            {port.description && <div className="muted small">{port.description}</div>}
          </li>
        ))}
      </ul>
    </details>
  );
}
