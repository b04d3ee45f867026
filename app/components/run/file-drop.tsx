'use client';
import { useId, useRef, useState } from 'react';
import { formatBytes } from './input-summary';
import './run.css';

/** A drop zone that is also a file picker (click or Enter), listing the chosen files with a remove button. */
export function FileDrop({ files, onChange, disabled, label = 'Drop files here or click to choose' }: { files: File[]; onChange: (files: File[]) => void; disabled?: boolean; label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const add = (list: FileList | null) => {
    if (!list) return;
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const file of Array.from(list)) byName.set(file.name, file); // the same name again replaces the earlier pick
    onChange([...byName.values()]);
  };
  return (
    <div>
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled}
        aria-describedby={id}
        onClick={() => !disabled && input.current?.click()}
        onKeyDown={(e) => {
          if (!disabled && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(e) => {
          if (disabled || !e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!disabled) add(e.dataTransfer.files);
        }}
      >
        {label}
      </div>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        hidden
        aria-label="Files to upload"
        data-testid="file-input"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      {files.length > 0 && (
        <ul className="file-list" style={{ marginTop: 8 }} aria-label="Chosen files">
          {files.map((f) => (
            <li key={f.name}>
              <span>
                {f.name} <span className="muted">{formatBytes(f.size)}</span>
              </span>
              <button type="button" className="btn ghost small" disabled={disabled} onClick={() => onChange(files.filter((x) => x !== f))} aria-label={`Remove ${f.name}`}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
