'use client';
import { REFRESH_CHOICES, refreshLabel } from './refresh-choices';

/**
 * How often web pages are loaded again, as a <select> of REFRESH_CHOICES (hours; null: only when
 * asked). A schedule the choices do not hold (set through the API) shows as itself.
 */
export function RefreshSelect(props: { value: number | null; onChange(hours: number | null): void; id?: string; label?: string; disabled?: boolean }) {
  const { value } = props;
  const other = value !== null && !REFRESH_CHOICES.some((c) => c.hours === value);
  return (
    <select
      id={props.id}
      className="select"
      aria-label={props.label}
      value={value ?? ''}
      onChange={(e) => props.onChange(e.target.value === '' ? null : Number(e.target.value))}
      disabled={props.disabled}
    >
      {REFRESH_CHOICES.map((c) => (
        <option key={c.label} value={c.hours ?? ''}>
          {c.label}
        </option>
      ))}
      {other && <option value={value}>{refreshLabel(value).replace(/^e/, 'E')}</option>}
    </select>
  );
}
