'use client';
import { create } from 'zustand';

/**
 * Whether the editor's run panel is open, shared by the header's Run button and the panel under the
 * canvas (two separate slots of the editor). `focusTick` asks the panel to focus its input.
 */
interface RunPanelState {
  open: boolean;
  focusTick: number;
  setOpen(open: boolean): void;
  openAndFocus(): void;
}

export const useRunPanelState = create<RunPanelState>((set) => ({
  open: false,
  focusTick: 0,
  setOpen: (open) => set({ open }),
  openAndFocus: () => set((s) => ({ open: true, focusTick: s.focusTick + 1 })),
}));
