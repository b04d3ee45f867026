'use client';
import { useState } from 'react';
import { CopyButton } from './copy-button';
import type { Snippet } from './snippets';

/** The ways to call an endpoint, one tab each, with a copy button. */
export function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const [active, setActive] = useState(0);
  const current = snippets[active] ?? snippets[0];
  if (!current) return null;
  return (
    <div className="snippets">
      <div className="tabs" role="tablist" aria-label="Code examples" style={{ padding: 0, flexWrap: 'wrap' }}>
        {snippets.map((s, i) => (
          <button key={s.title} type="button" role="tab" aria-selected={i === active} className={i === active ? 'tab active' : 'tab'} style={{ flex: 'none', padding: '8px 12px' }} onClick={() => setActive(i)}>
            {s.title}
          </button>
        ))}
      </div>
      <div style={{ position: 'relative', marginTop: 8 }} role="tabpanel">
        <pre data-testid="snippet-code" style={{ paddingRight: 80 }}>{current.code}</pre>
        <div style={{ position: 'absolute', top: 6, right: 6 }}>
          <CopyButton text={current.code} />
        </div>
      </div>
      <p className="muted small" style={{ marginTop: 6 }}>
        Set <code>RAGRAPH_API_KEY</code> to a key scoped to this endpoint. Full reference: <a href="/api/v1/docs?signin">API docs</a>.
      </p>
    </div>
  );
}
