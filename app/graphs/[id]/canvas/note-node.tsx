'use client';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { LIMITS } from '../../../../nodes/core/spec';
import type { FlowNote } from '../../../lib/editor/flow-mapping';
import { useEditorStore } from '../../../lib/editor/react';

/**
 * A sticky note: its strip moves it, its text is typed in place (the textarea is "nodrag" so
 * selecting text does not drag the note), and a selected note shows handles to resize it.
 */
export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<FlowNote>) {
  const store = useEditorStore();
  const { note, readOnly } = data;
  return (
    <div className={`note-card${selected ? ' selected' : ''}`} data-testid={`note-${note.id}`}>
      <NodeResizer isVisible={selected && !readOnly} minWidth={120} minHeight={60} maxWidth={2000} maxHeight={2000} color="#d4a72c" />
      <div className="note-grip" title={readOnly ? undefined : 'Drag to move the note; select it to resize'}>
        Note
      </div>
      <textarea
        className="note-text nodrag nowheel"
        value={note.text}
        placeholder={readOnly ? '' : 'Write a note for whoever reads this graph…'}
        readOnly={readOnly}
        maxLength={LIMITS.noteText}
        aria-label={`Note ${note.id}`}
        onChange={(event) => store.getState().setNoteText(note.id, event.target.value)}
      />
    </div>
  );
});
