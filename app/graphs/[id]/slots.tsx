'use client';
import type { GraphSpec } from '../../../nodes/core/spec';
import { PublishButton } from '../../components/publish/publish-dialog';
import { EditorRunPanel, RunHeaderButton } from '../../components/run/editor-run-panel';
import type { GraphDetail } from '../../lib/api-types';
import type { IssueIndex } from '../../lib/editor/issues';
import type { BaseVersion } from './hooks/use-versioning';

/**
 * Extension points for running graphs from the editor, filled by app/components/run (run.start /
 * run.events); the editor lays out room for them:
 * - `HeaderActionsSlot`: buttons before "History" in the header ("Run", "Publish").
 * - `RunPanelSlot`: a panel under the canvas (collapsed to nothing while it returns null).
 * The live draft is also readable anywhere inside the editor with `useEditor((s) => s.spec)`
 * (app/lib/editor/react.tsx), and `flushDraft()` saves pending edits before a run.
 */
export interface EditorSlotProps {
  graph: GraphDetail;
  spec: GraphSpec;
  /** the version the draft builds on (what a "run latest version" would use), null before v1. */
  baseVersion: BaseVersion | null;
  issues: IssueIndex;
  flushDraft(): Promise<void>;
}

export function HeaderActionsSlot(props: EditorSlotProps) {
  return (
    <>
      <RunHeaderButton />
      {/* endpoints serve saved versions: publishing needs version 1 first */}
      <PublishButton graph={props.graph} disabled={!props.baseVersion} />
    </>
  );
}

/** The run panel (app/components/run, by the runs helper): runs the draft or its base version, colours nodes live. */
export function RunPanelSlot(props: EditorSlotProps) {
  return (
    <EditorRunPanel graphId={props.graph.id} spec={props.spec} baseVersion={props.baseVersion} problems={props.issues.all.length} flushDraft={props.flushDraft} />
  );
}
