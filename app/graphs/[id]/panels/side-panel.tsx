'use client';
import { useEditor } from '../../../lib/editor/react';
import type { SidePanel as PanelName } from '../../../lib/editor/store';
import type { Versioning } from '../hooks/use-versioning';
import { HistoryPanel } from './history-panel';
import { Inspector } from './inspector';
import { ProblemsList } from './problems-list';

/** The right column: the selected node's settings, the problems list, or the version history. */
export function SidePanel({ versioning }: { versioning: Versioning }) {
  const panel = useEditor((s) => s.panel);
  const setPanel = useEditor((s) => s.setPanel);
  const problems = useEditor((s) => s.issues.all.length);
  const tabs: { id: PanelName; label: string }[] = [
    { id: 'inspector', label: 'Inspector' },
    { id: 'problems', label: problems ? `Problems (${problems})` : 'Problems' },
    { id: 'history', label: 'History' },
  ];
  return (
    <aside className="side-panel" aria-label="Details">
      <div className="tabs" role="tablist" aria-label="Panels">
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
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === 'inspector' && <Inspector />}
        {panel === 'problems' && <ProblemsList />}
        {panel === 'history' && <HistoryPanel versioning={versioning} />}
      </div>
    </aside>
  );
}
