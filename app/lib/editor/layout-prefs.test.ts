import { describe, expect, it } from 'vitest';
import { readLayoutPrefs, rememberLayout, type PrefsStorage } from './layout-prefs';

const KEY = 'ragraph.editor-layout.v1';

/** An in-memory stand-in for localStorage. */
function memoryStorage(initial: Record<string, string> = {}): PrefsStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('layout prefs', () => {
  it('reads back what was remembered, merging successive choices', () => {
    const storage = memoryStorage();
    rememberLayout({ paletteOpen: false }, storage);
    rememberLayout({ panelOpen: true, runPanelHeight: 420 }, storage);
    expect(readLayoutPrefs(storage)).toEqual({ paletteOpen: false, panelOpen: true, runPanelHeight: 420 });
    rememberLayout({ paletteOpen: true }, storage);
    expect(readLayoutPrefs(storage)).toEqual({ paletteOpen: true, panelOpen: true, runPanelHeight: 420 });
  });

  it('forgets a choice set to undefined, so its default applies again', () => {
    const storage = memoryStorage();
    rememberLayout({ panelOpen: false, runPanelHeight: 300 }, storage);
    rememberLayout({ runPanelHeight: undefined }, storage);
    expect(readLayoutPrefs(storage)).toEqual({ panelOpen: false });
  });

  it('reads nothing stored as no choice', () => {
    expect(readLayoutPrefs(memoryStorage())).toEqual({});
  });

  it('ignores a value that is not JSON', () => {
    const storage = memoryStorage({ [KEY]: '{"paletteOpen": fal' });
    expect(readLayoutPrefs(storage)).toEqual({});
    // and remembering over it replaces it rather than failing
    rememberLayout({ panelOpen: false }, storage);
    expect(readLayoutPrefs(storage)).toEqual({ panelOpen: false });
  });

  it('ignores a value of the wrong shape', () => {
    for (const value of ['"open"', 'null', '[true]', '{"paletteOpen":"yes"}', '{"runPanelHeight":-5}', '{"panelOpen":1}']) {
      expect(readLayoutPrefs(memoryStorage({ [KEY]: value })), value).toEqual({});
    }
  });

  it('drops keys it does not know (left by another version)', () => {
    expect(readLayoutPrefs(memoryStorage({ [KEY]: '{"panelOpen":false,"theme":"dark"}' }))).toEqual({ panelOpen: false });
  });

  it('works without storage: nothing read, nothing thrown', () => {
    expect(typeof window).toBe('undefined');
    expect(readLayoutPrefs()).toEqual({});
    expect(() => rememberLayout({ paletteOpen: false })).not.toThrow();
    expect(readLayoutPrefs(null)).toEqual({});
  });

  it('survives storage that throws on read or write', () => {
    const refusing: PrefsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readLayoutPrefs(refusing)).toEqual({});
    expect(() => rememberLayout({ panelOpen: true }, refusing)).not.toThrow();
  });
});
