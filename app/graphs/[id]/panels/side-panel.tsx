'use client';
import { useEditor } from '../../../lib/editor/react';
import type { SidePanel as PanelName } from '../../../lib/editor/store';
import type { Versioning } from '../hooks/use-versioning';
import { HistoryPanel } from './history-panel';
import { Inspector } from './inspector';
import { ProblemsList } from './problems-list';

/**
 * The right column: the selected node's settings, the problems list, or the version history. It folds
 * to a strip of its tab names (for a wider canvas); a tab name, or a header button naming a tab, unfolds it.
 */
export function SidePanel({ versioning }: { versioning: Versioning }) {
  const panel = useEditor((s) => s.panel);
  const open = useEditor((s) => s.panelOpen);
  const setPanel = useEditor((s) => s.setPanel);
  const showPanel = useEditor((s) => s.showPanel);
  const setPanelOpen = useEditor((s) => s.setPanelOpen);
  const problems = useEditor((s) => s.issues.all.length);
  const tabs: { id: PanelName; label: string }[] = [
    { id: 'inspector', label: 'Inspector' },
    { id: 'problems', label: problems ? `Problems (${problems})` : 'Problems' },
    { id: 'history', label: 'History' },
  ];
  if (!open) {
    return (
      <aside className="side-panel folded" aria-label="Details">
        <div className="panel-rail">
          {tabs.map((tab) => (
            <button key={tab.id} type="button" className="rail-button" onClick={() => showPanel(tab.id)} title={`Show ${tab.label}`}>
              {tab.label}
            </button>
          ))}
        </div>
      </aside>
    );
  }
  return (
    <aside className="side-panel" aria-label="Details">
      <div className="tabs">
        <div className="tab-list" role="tablist" aria-label="Panels">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              id={`tab-${tab.id}`}
              type="button"
              role="tab"
              aria-selected={panel === tab.id}
              aria-controls={`tabpanel-${tab.id}`}
              className={panel === tab.id ? 'tab active' : 'tab'}
              onClick={() => setPanel(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn ghost small panel-fold" onClick={() => setPanelOpen(false)} aria-label="Fold the side panel" title="Fold the side panel (wider canvas)">
          »
        </button>
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === 'inspector' && <Inspector />}
        {panel === 'problems' && <ProblemsList />}
        {panel === 'history' && <HistoryPanel versioning={versioning} />}
      </div>
    </aside>
  );
}
