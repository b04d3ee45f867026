import { summarizeForDisplay } from './input-summary';
import './run.css';

/**
 * Pretty JSON for previews and outputs. File contents become their size; long strings and arrays are
 * cut (generously when `full`, so a full node output stays readable without freezing the page).
 */
export function JsonView({ value, full = false, label }: { value: unknown; full?: boolean; label?: string }) {
  const shown = summarizeForDisplay(value, full ? { maxString: 20_000, maxItems: 500, depth: 12 } : {});
  const text = shown === undefined || shown === null ? '—' : typeof shown === 'string' ? shown : JSON.stringify(shown, null, 2);
  return (
    <pre className="json-view" aria-label={label} tabIndex={0}>
      {text}
    </pre>
  );
}
