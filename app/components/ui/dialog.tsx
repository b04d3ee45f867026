'use client';
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A modal dialog: labelled, closes on Escape and backdrop click, moves focus in and back out. */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not([data-close])');
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={props.wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header>
          <h2 id={titleId} style={{ margin: 0 }}>
            {props.title}
          </h2>
          <button type="button" className="btn ghost small" onClick={onClose} aria-label="Close" data-close>
            ✕
          </button>
        </header>
        <div className="dialog-body">{props.children}</div>
        {props.footer && <footer>{props.footer}</footer>}
      </div>
    </div>
  );
}

/** A dialog's footer: Cancel, then the one button that does what the dialog is for. */
export function DialogActions(props: { onCancel: () => void; label: string; onAction: () => void; disabled?: boolean; className?: string }) {
  return (
    <>
      <button type="button" className="btn" onClick={props.onCancel}>
        Cancel
      </button>
      <button type="button" className={props.className ?? 'btn primary'} disabled={props.disabled} onClick={props.onAction}>
        {props.label}
      </button>
    </>
  );
}
