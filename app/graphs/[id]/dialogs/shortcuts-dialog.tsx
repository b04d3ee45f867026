'use client';
import { Dialog } from '../../../components/ui/dialog';
import { SHORTCUTS } from '../hooks/use-shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">On macOS use ⌘ for Ctrl. Shortcuts are off while typing in a field. Palette items: Tab to one and press Enter to add it.</p>
    </Dialog>
  );
}
