'use client';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CATEGORY_COLORS, editorCatalog } from '../../../lib/editor/catalog';
import { quickAddOptions, type OpenEnd, type QuickAddOption } from '../../../lib/editor/quick-add';

const MENU_WIDTH = 280;
const MENU_HEIGHT = 320;

export interface QuickAddRequest {
  end: OpenEnd;
  /** "retrieve.retrieved", for the heading. */
  portLabel: string;
  /** where the connection was dropped, in pixels from the canvas' top-left corner. */
  at: { x: number; y: number };
  /** the canvas' size, to keep the menu inside it. */
  bounds: { width: number; height: number };
}

/**
 * The menu a connection dropped on empty canvas opens: the node types that can take its other end,
 * best fits first, narrowed by typing. Enter (or a click) picks, arrows move, Escape or a click
 * elsewhere closes.
 */
export function QuickAddMenu({ request, onPick, onClose }: { request: QuickAddRequest; onPick(option: QuickAddOption): void; onClose(): void }) {
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const options = useMemo(() => quickAddOptions(editorCatalog, request.end, search), [request.end, search]);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const closeOutside = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, options.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && options[active]) onPick(options[active]);
    else return;
    event.preventDefault();
  };

  const left = Math.max(8, Math.min(request.at.x, request.bounds.width - MENU_WIDTH - 8));
  const top = Math.max(8, Math.min(request.at.y, request.bounds.height - MENU_HEIGHT - 8));
  const takes = request.end.side === 'output' ? 'takes' : 'gives';
  return (
    <div ref={menu} className="quick-add" role="dialog" aria-label="Add a connected node" style={{ left, top, width: MENU_WIDTH, maxHeight: MENU_HEIGHT }} onKeyDown={onKeyDown}>
      <div className="quick-add-head">
        {request.end.side === 'output' ? 'Connect ' : 'Feed '}
        <code>{request.portLabel}</code> {request.end.side === 'output' ? 'to a new node' : 'from a new node'}
      </div>
      <input
        className="input"
        type="search"
        autoFocus
        placeholder={`Nodes that ${takes} “${request.end.kind}”…`}
        aria-label="Search connectable nodes"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setActive(0);
        }}
      />
      <ul role="listbox" aria-label="Connectable nodes">
        {options.length === 0 && <li className="muted small quick-add-empty">No node {takes} “{request.end.kind}”{search ? ` and matches “${search}”` : ''}.</li>}
        {options.map((option, i) => (
          <li key={option.definition.type} role="option" aria-selected={i === active}>
            <button type="button" className={`quick-add-item${i === active ? ' active' : ''}`} onClick={() => onPick(option)} onMouseEnter={() => setActive(i)}>
              <span className="kind-dot" style={{ background: CATEGORY_COLORS[option.definition.category] }} aria-hidden />
              <span className="quick-add-title">{option.definition.title}</span>
              <span className="quick-add-port">{option.port}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
