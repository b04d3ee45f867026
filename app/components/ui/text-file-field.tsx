'use client';
import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';

export interface PickedFile {
  name: string;
  text: string;
}

/**
 * A labelled file input that reads the picked file as text, refusing one over the server's limit
 * (REQUEST_LIMITS.datasetFileChars) before sending it (`onError` says why; `onPicked(null)` clears the pick).
 */
export function TextFileField(props: { id: string; label: string; accept: string; hint: string; onPicked: (file: PickedFile | null) => void; onError: (message: string | null) => void }) {
  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    props.onError(null);
    if (!file) return props.onPicked(null);
    if (file.size > REQUEST_LIMITS.datasetFileChars) {
      props.onPicked(null);
      props.onError(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB: the limit is 4 MB per file`);
      return;
    }
    props.onPicked({ name: file.name, text: await file.text() });
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="file" accept={props.accept} onChange={(e) => void pick(e.currentTarget)} />
      <span className="hint">{props.hint}</span>
    </div>
  );
}
