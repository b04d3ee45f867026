'use client';
import { useConnection, useStore } from '@xyflow/react';
import { editorCatalog } from '../../../lib/editor/catalog';
import { explainRefusal } from '../../../lib/editor/explain-refusal';
import { useEditor } from '../../../lib/editor/react';

const TOOLTIP_WIDTH = 320;

/**
 * While a connection is drawn over a port that refuses it, says why next to the cursor (the same
 * reason the validator would give), instead of a silent red handle.
 */
export function ConnectionReason() {
  const connection = useConnection();
  const spec = useEditor((s) => s.spec);
  const paneWidth = useStore((s) => s.width);
  if (!connection.inProgress || connection.isValid !== false || !connection.toHandle) return null;
  const reason = explainRefusal(spec, editorCatalog, connection.fromHandle, connection.toHandle);
  if (!reason) return null;
  // near the right edge the bubble opens to the left of the cursor so it is not cut off
  const flip = connection.pointer.x > paneWidth - TOOLTIP_WIDTH - 24;
  const position = flip ? { right: paneWidth - connection.pointer.x + 12 } : { left: connection.pointer.x + 16 };
  return (
    <div className="connection-reason" role="tooltip" data-testid="connection-reason" style={{ ...position, top: connection.pointer.y + 16, maxWidth: TOOLTIP_WIDTH }}>
      <strong>Can’t connect:</strong> {reason}
    </div>
  );
}
