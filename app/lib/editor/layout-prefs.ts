import { z } from 'zod';

/**
 * The editor's layout as the user last left it, kept per browser (not per graph) in localStorage:
 * whether the palette and the side panel are folded, and the run panel's height once dragged. A key
 * that is absent means no choice was made, so the editor's defaults (a folded palette in a narrow
 * window) apply. Reading never throws: a corrupt or older value, or no storage at all (the server,
 * a browser that refuses storage), reads as no choice.
 */
const KEY = 'ragraph.editor-layout.v1';

const layoutPrefsSchema = z.object({
  paletteOpen: z.boolean().optional(),
  panelOpen: z.boolean().optional(),
  runPanelHeight: z.number().positive().optional(),
});

export type LayoutPrefs = z.infer<typeof layoutPrefsSchema>;
/** A change to remember; a key set to undefined forgets that choice (the default applies again). */
export type LayoutChange = { [K in keyof LayoutPrefs]?: LayoutPrefs[K] | undefined };
/** The part of localStorage used here, so tests can pass a stand-in. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readLayoutPrefs(storage: PrefsStorage | null = browserStorage()): LayoutPrefs {
  if (!storage) return {};
  try {
    const raw = storage.getItem(KEY);
    if (raw === null) return {};
    const parsed = layoutPrefsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Merges `change` into what is remembered; a failed write (storage full or refused) is dropped. */
export function rememberLayout(change: LayoutChange, storage: PrefsStorage | null = browserStorage()): void {
  if (!storage) return;
  const next: LayoutChange = { ...readLayoutPrefs(storage), ...change };
  try {
    // JSON drops the keys set to undefined: those choices are forgotten
    storage.setItem(KEY, JSON.stringify(next));
  } catch {
    // the layout is a convenience: the editor works the same without it
  }
}

/** localStorage in a browser; null on the server, or where reading the property itself throws (blocked storage). */
function browserStorage(): PrefsStorage | null {
  if (typeof window === 'undefined') return null;
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
