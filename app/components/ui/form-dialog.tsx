'use client';
import type { ReactNode } from 'react';
import { Dialog, DialogActions } from './dialog';

/**
 * A dialog holding one form: Cancel and a primary button in the footer, and Enter in a field submits
 * as the button does (only when it is enabled).
 */
export function FormDialog(props: { title: string; onClose: () => void; submitLabel: string; canSubmit: boolean; onSubmit: () => void; wide?: boolean; children: ReactNode }) {
  const submit = () => props.canSubmit && props.onSubmit();
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      wide={props.wide}
      footer={<DialogActions onCancel={props.onClose} label={props.submitLabel} onAction={submit} disabled={!props.canSubmit} />}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {props.children}
      </form>
    </Dialog>
  );
}
