'use client';
import { useState } from 'react';
import { CopyButton } from './copy-button';
import type { Snippet } from './snippets';

/** The ways to call an endpoint, one tab each, with a copy button beside the tabs (never over the code). */
export function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const [active, setActive] = useState(0);
  const current = snippets[active] ?? snippets[0];
  if (!current) return null;
  return (
    <div className="snippets">
      <div className="tabs snippet-tabs">
        <div className="tab-list" role="tablist" aria-label="Code examples">
          {snippets.map((s, i) => (
            <button key={s.title} type="button" role="tab" aria-selected={i === active} className={i === active ? 'tab active' : 'tab'} onClick={() => setActive(i)}>
              {s.title}
            </button>
          ))}
        </div>
        <CopyButton text={current.code} />
      </div>
      <div style={{ marginTop: 8 }} role="tabpanel">
        <pre data-testid="snippet-code">{current.code}</pre>
      </div>
      <p className="muted small" style={{ marginTop: 6 }}>
        Set <code>RAGRAPH_API_KEY</code> to a key scoped to this endpoint. Full reference: <a href="/api/v1/docs?signin">API docs</a>.
      </p>
    </div>
  );
}
