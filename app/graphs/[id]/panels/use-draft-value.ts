'use client';
import { useState } from 'react';

/**
 * Text the user is typing for a structured value (a number, a list, JSON). The text stays as typed
 * ("1." or a trailing newline) while it parses to the stored value, and follows the stored value when
 * that changes from elsewhere (undo, paste, another node).
 */
export function useDraftValue<T>(value: T, format: (value: T) => string, parse: (text: string) => { ok: true; value: T } | { ok: false; error: string }) {
  const key = JSON.stringify(value ?? null);
  const [draft, setDraft] = useState(() => format(value));
  const [seen, setSeen] = useState(key);
  const [error, setError] = useState<string | null>(null);
  if (key !== seen) {
    setSeen(key);
    const parsed = parse(draft);
    if (!parsed.ok || JSON.stringify(parsed.value ?? null) !== key) {
      setDraft(format(value));
      setError(null);
    }
  }
  /** Updates the text; returns the parsed value when the text is valid. */
  const change = (text: string): { ok: true; value: T } | { ok: false; error: string } => {
    setDraft(text);
    const parsed = parse(text);
    setError(parsed.ok ? null : parsed.error);
    return parsed;
  };
  return { draft, error, change };
}
