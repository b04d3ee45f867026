'use client';
import { useCallback, useEffect, useState } from 'react';
import { readLayoutPrefs, rememberLayout } from '../../../lib/editor/layout-prefs';
import type { EditorStore } from '../../../lib/editor/store';

/*
 * The palette's and the side panel's fold choices outlive a reload (lib/editor/layout-prefs). They are
 * read while rendering: the editor renders only in the browser (it waits for the graph's query), and on
 * the server the prefs read as no choice.
 */

/**
 * Whether the palette is unfolded: the user's choice (from this visit or remembered), else folded in a
 * narrow window so the canvas keeps most of the width.
 */
export function usePaletteOpen(narrow: boolean): [open: boolean, setOpen: (open: boolean) => void] {
  const [choice, setChoice] = useState<boolean | null>(() => readLayoutPrefs().paletteOpen ?? null);
  const choose = useCallback((open: boolean) => {
    setChoice(open);
    rememberLayout({ paletteOpen: open });
  }, []);
  return [choice ?? !narrow, choose];
}

/** Opens a new editor store's side panel folded or not as the user last left it (unfolded by default). */
export function restorePanelFold(store: EditorStore): EditorStore {
  const { panelOpen } = readLayoutPrefs();
  if (panelOpen !== undefined) store.setState({ panelOpen });
  return store;
}

/** Remembers every fold and unfold of the side panel (its fold button, a tab name, a clicked node). */
export function useRememberPanelFold(store: EditorStore): void {
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.panelOpen !== previous.panelOpen) rememberLayout({ panelOpen: state.panelOpen });
      }),
    [store],
  );
}
