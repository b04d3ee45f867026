'use client';
import type { VersionSummary } from '../../../lib/api-types';

const MESSAGE_CHARS = 40;

/**
 * A version row's "Compare with version…": picking another saved version compares the two, the older one
 * first whichever row it was picked from. It resets to its prompt, so it reads as an action, not a setting.
 */
export function CompareWithSelect({ version, versions, loading, disabled, onPick }: { version: VersionSummary; versions: VersionSummary[]; loading: boolean; disabled: boolean; onPick: (other: VersionSummary) => void }) {
  const others = versions.filter((v) => v.id !== version.id);
  if (others.length === 0) return null;
  return (
    <select
      className="select small compare-with"
      value=""
      disabled={disabled}
      aria-label={`Compare version ${version.number} with another version`}
      onChange={(e) => {
        const other = others.find((v) => v.id === e.target.value);
        if (other) onPick(other);
      }}
    >
      <option value="" disabled>
        {loading ? 'Loading…' : 'Compare with version…'}
      </option>
      {others.map((v) => (
        <option key={v.id} value={v.id}>
          {v.message ? `v${v.number} · ${shorten(v.message)}` : `v${v.number}`}
        </option>
      ))}
    </select>
  );
}

function shorten(message: string): string {
  return message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS - 1)}…` : message;
}
