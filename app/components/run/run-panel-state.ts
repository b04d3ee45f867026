'use client';
import { create } from 'zustand';

/**
 * Whether the editor's run panel is open, shared by the header's Run button and the panel under the
 * canvas (two separate slots of the editor). `focusTick` asks the panel to focus its input.
 * `height` is the open panel's height in px (null: the CSS default); it grows by itself to fit a
 * result until the user sets it by dragging the panel's top edge (`resized`).
 */
interface RunPanelState {
  open: boolean;
  focusTick: number;
  height: number | null;
  resized: boolean;
  setOpen(open: boolean): void;
  openAndFocus(): void;
  /** `byUser`: dragged or keyed by the user, which stops the growing to fit results; null resets both. */
  setHeight(height: number | null, byUser: boolean): void;
}

export const useRunPanelState = create<RunPanelState>((set) => ({
  open: false,
  focusTick: 0,
  height: null,
  resized: false,
  setOpen: (open) => set({ open }),
  openAndFocus: () => set((s) => ({ open: true, focusTick: s.focusTick + 1 })),
  setHeight: (height, byUser) => set((s) => ({ height, resized: height === null ? false : byUser || s.resized })),
}));
