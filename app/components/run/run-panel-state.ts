'use client';
import { create } from 'zustand';
import type { NodeStatusSummary } from './live-run';

/**
 * Whether the editor's run panel is open, shared by the header's Run button and the panel under the
 * canvas (two separate slots of the editor). `focusTick` asks the panel to focus its input.
 * `upTo` is set by a node's "Run up to here". `height` is the open panel's height in px (null: the CSS default); it grows by itself to fit a
 * result until the user sets it by dragging the panel's top edge (`resized`).
 */
interface RunPanelState {
  open: boolean;
  focusTick: number;
  height: number | null;
  resized: boolean;
  /** the node a "Run up to here" asked the panel to run to (the panel offers it until another is asked) */
  upTo: string | null;
  /** bumps on each "Run up to here", so asking for the same node again selects it again */
  upToTick: number;
  /** the latest run started from the panel, with its nodes' statuses (the canvas and the inspector show them) */
  lastRun: { runId: string; statuses: Record<string, NodeStatusSummary> } | null;
  setLastRun(runId: string | null): void;
  setNodeStatus(nodeId: string, status: NodeStatusSummary): void;
  setOpen(open: boolean): void;
  /** opens the panel set to run the draft up to `nodeId`, cursor in its input */
  runUpTo(nodeId: string): void;
  openAndFocus(): void;
  /** `byUser`: dragged or keyed by the user, which stops the growing to fit results; null resets both. */
  setHeight(height: number | null, byUser: boolean): void;
}

export const useRunPanelState = create<RunPanelState>((set) => ({
  open: false,
  focusTick: 0,
  height: null,
  resized: false,
  upTo: null,
  upToTick: 0,
  lastRun: null,
  setLastRun: (runId) => set({ lastRun: runId ? { runId, statuses: {} } : null }),
  setNodeStatus: (nodeId, status) => set((s) => (s.lastRun ? { lastRun: { ...s.lastRun, statuses: { ...s.lastRun.statuses, [nodeId]: status } } } : {})),
  setOpen: (open) => set({ open }),
  runUpTo: (nodeId) => set((s) => ({ upTo: nodeId, upToTick: s.upToTick + 1, open: true, focusTick: s.focusTick + 1 })),
  openAndFocus: () => set((s) => ({ open: true, focusTick: s.focusTick + 1 })),
  setHeight: (height, byUser) => set((s) => ({ height, resized: height === null ? false : byUser || s.resized })),
}));
