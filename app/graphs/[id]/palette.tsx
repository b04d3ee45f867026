'use client';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import type { AnyNodeDefinition } from '../../../nodes/core/define';
import { CATEGORY_COLORS, editorCatalog, NODE_DRAG_TYPE, paletteGroups } from '../../lib/editor/catalog';
import { useEditor, useEditorStore } from '../../lib/editor/react';
import { viewCenter } from './canvas/view-center';

/**
 * The node catalog by category. Drag an item onto the canvas, or press Enter/click to add it in the
 * middle of the view (the keyboard path). It folds to a narrow strip for a wider canvas (`open`).
 */
export function Palette({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  if (!open) {
    return (
      <aside className="palette folded" aria-label="Node palette">
        <div className="panel-rail">
          <button type="button" className="rail-button" onClick={() => onOpenChange(true)} title="Show the node palette">
            <span aria-hidden>+ </span>Nodes
          </button>
        </div>
      </aside>
    );
  }
  return <PaletteList onFold={() => onOpenChange(false)} />;
}

function PaletteList({ onFold }: { onFold(): void }) {
  const [search, setSearch] = useState('');
  const groups = useMemo(() => paletteGroups(editorCatalog, search), [search]);
  const store = useEditorStore();
  const readOnly = useEditor((s) => s.diff !== null);
  const flow = useReactFlow();

  const addAtCenter = (definition: AnyNodeDefinition) => {
    const state = store.getState();
    if (state.diff) return state.showHint('Close the comparison to edit the graph', 'info');
    const center = viewCenter(flow, { x: 90, y: 40 });
    // step down until the spot is free, so repeated adds do not stack exactly on top of each other
    const position = { ...center };
    while (state.spec.nodes.some((n) => Math.abs(n.position.x - position.x) < 60 && Math.abs(n.position.y - position.y) < 60)) position.y += 90;
    state.addNode(definition, position);
    state.showHint(`Added ${definition.title}`, 'info');
  };

  const onDragStart = (event: DragEvent, definition: AnyNodeDefinition) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, definition.type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette-search">
        <input className="input" type="search" placeholder="Search nodes…" aria-label="Search nodes" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="button" className="btn ghost small panel-fold" onClick={onFold} aria-label="Fold the node palette" title="Fold the node palette (wider canvas)">
          «
        </button>
      </div>
      <div className="palette-groups">
        {groups.length === 0 && <p className="muted small palette-empty">No node matches “{search}”.</p>}
        {groups.map((group) => (
          <section key={group.category} aria-labelledby={`palette-${group.category}`}>
            <h3 id={`palette-${group.category}`} className="palette-heading">
              <span className="kind-dot" style={{ background: CATEGORY_COLORS[group.category] }} aria-hidden />
              {group.label}
            </h3>
            <ul>
              {group.definitions.map((definition) => (
                <li key={definition.type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable={!readOnly}
                    onDragStart={(e) => onDragStart(e, definition)}
                    onClick={() => addAtCenter(definition)}
                    title={`${definition.description}\n\nDrag onto the canvas, or press Enter to add.`}
                    aria-label={`Add ${definition.title}`}
                    data-node-type={definition.type}
                  >
                    <span className="palette-title">
                      {definition.title}
                      {definition.experimental && <span className="gnode-tag">experimental</span>}
                    </span>
                    <span className="palette-type">{definition.type}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
