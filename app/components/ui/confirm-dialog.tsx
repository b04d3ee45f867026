'use client';
import type { ReactNode } from 'react';
import { errorMessage } from '../../lib/errors';
import { Dialog, DialogActions } from './dialog';

/**
 * "Are you sure?" for an action that cannot be undone: what will happen in the body, Cancel, and
 * one button naming the action (red unless `tone` is primary). A failed action keeps the dialog
 * open with the server's message under the text.
 */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
  tone?: 'danger' | 'primary';
  children: ReactNode;
}) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      footer={<DialogActions onCancel={props.onClose} label={props.confirmLabel} onAction={props.onConfirm} disabled={props.pending} className={props.tone === 'primary' ? 'btn primary' : 'btn danger solid'} />}
    >
      {props.children}
      {props.error ? <div className="alert error">{errorMessage(props.error)}</div> : null}
    </Dialog>
  );
}
