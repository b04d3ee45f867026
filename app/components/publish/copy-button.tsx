'use client';
import { useState } from 'react';

/** Copies text to the clipboard and says so; falls back to selecting a hidden textarea where the Clipboard API is missing (plain http). */
export function CopyButton({ text, label = 'Copy', className = 'btn small' }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-label={`${label} to clipboard`}>
      {copied ? 'Copied ✓' : label}
    </button>
  );
}
