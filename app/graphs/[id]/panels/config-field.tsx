'use client';
import { useId, useState } from 'react';
import { formatDefault, type ConfigField } from '../../../lib/editor/config-fields';
import { useDraftValue } from './use-draft-value';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

interface FieldProps {
  field: ConfigField;
  value: unknown;
  error?: string;
  disabled?: boolean;
  onChange(value: unknown): void;
}

/** One config field: the control for its kind, its description as help, its default, its error. */
export function ConfigFieldInput(props: FieldProps) {
  const { field, error } = props;
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const [localError, setLocalError] = useState<string | null>(null);
  const shownError = localError ?? error;
  const describedBy = [field.description || field.hasDefault ? helpId : '', shownError ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const control = { id, describedBy, invalid: !!shownError, setLocalError };
  return (
    <div className={`field config-field kind-${field.kind}`} data-field={field.key}>
      {field.kind === 'boolean' ? (
        <label className="checkbox" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={Boolean(props.value ?? field.defaultValue ?? false)}
            disabled={props.disabled}
            aria-describedby={describedBy}
            onChange={(e) => props.onChange(e.target.checked)}
          />
          {field.label}
        </label>
      ) : (
        <label htmlFor={id}>
          {field.label}
          {field.required && !field.hasDefault && <span className="required-mark" aria-label="required"> *</span>}
        </label>
      )}
      {field.kind !== 'boolean' && <Control {...props} {...control} />}
      {(field.description || field.hasDefault) && (
        <span className="hint" id={helpId}>
          {field.description}
          {field.hasDefault && field.kind !== 'secret' && (
            <span className="default-hint">
              {field.description ? ' ' : ''}Default: <code>{formatDefault(field.defaultValue)}</code>
            </span>
          )}
        </span>
      )}
      {shownError && (
        <span className="error" id={errorId} role="alert">
          {shownError}
        </span>
      )}
    </div>
  );
}

interface ControlProps extends FieldProps {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  setLocalError(error: string | null): void;
}

function Control(props: ControlProps) {
  switch (props.field.kind) {
    case 'enum':
      return <EnumControl {...props} />;
    case 'number':
      return <NumberControl {...props} />;
    case 'string-list':
    case 'number-list':
      return <ListControl {...props} />;
    case 'json':
      return <JsonControl {...props} />;
    case 'secret':
      return <SecretControl {...props} />;
    default:
      return <TextControl {...props} />;
  }
}

const placeholderOf = (field: ConfigField) => (field.hasDefault && field.defaultValue !== undefined && field.defaultValue !== null ? formatDefault(field.defaultValue) : '');

/** An emptied text field returns to the default (or is absent); a required one keeps "" so its error shows. */
function textValue(field: ConfigField, text: string): unknown {
  if (text !== '') return text;
  return field.required && !field.hasDefault ? '' : undefined;
}

function TextControl(props: ControlProps) {
  const { field, id, describedBy, invalid } = props;
  const common = {
    id,
    className: `${field.kind === 'textarea' ? 'textarea' : 'input'}${invalid ? ' invalid' : ''}`,
    value: typeof props.value === 'string' ? props.value : '',
    placeholder: placeholderOf(field),
    disabled: props.disabled,
    maxLength: field.maxLength,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => props.onChange(textValue(field, e.target.value)),
  };
  return field.kind === 'textarea' ? <textarea rows={5} {...common} /> : <input type="text" {...common} />;
}

function SecretControl(props: ControlProps) {
  const [visible, setVisible] = useState(false);
  const { field, id, describedBy, invalid } = props;
  return (
    <div className="secret-input">
      <input
        id={id}
        type={visible ? 'text' : 'password'}
        className={`input${invalid ? ' invalid' : ''}`}
        value={typeof props.value === 'string' ? props.value : ''}
        autoComplete="off"
        spellCheck={false}
        disabled={props.disabled}
        placeholder={props.value ? '' : 'not set'}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => props.onChange(textValue(field, e.target.value))}
      />
      <button type="button" className="btn small" onClick={() => setVisible((v) => !v)} aria-label={visible ? `Hide ${field.label}` : `Show ${field.label}`} aria-pressed={visible}>
        {visible ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}

function EnumControl(props: ControlProps) {
  const { field, id, describedBy, invalid } = props;
  const options = field.options ?? [];
  const index = options.findIndex((o) => o.value === props.value);
  const allowEmpty = field.hasDefault || !field.required;
  return (
    <select
      id={id}
      className={`select${invalid ? ' invalid' : ''}`}
      value={index === -1 ? '' : String(index)}
      disabled={props.disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : options[Number(e.target.value)]?.value)}
    >
      {(allowEmpty || index === -1) && (
        <option value="">{field.hasDefault ? `Default (${formatDefault(field.defaultValue)})` : allowEmpty ? 'Not set' : 'Choose…'}</option>
      )}
      {options.map((o, i) => (
        <option key={String(o.value)} value={String(i)}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function parseNumber(field: ConfigField, text: string): Parsed<number | null | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: 'enter a number' };
  if (field.integer && !Number.isInteger(value)) return { ok: false, error: 'enter a whole number' };
  return { ok: true, value };
}

function NumberControl(props: ControlProps) {
  const { field, id, describedBy, invalid } = props;
  const value = typeof props.value === 'number' ? props.value : props.value === null ? null : undefined;
  const { draft, change } = useDraftValue<number | null | undefined>(value, (v) => (typeof v === 'number' ? String(v) : ''), (t) => parseNumber(field, t));
  return (
    <input
      id={id}
      type="number"
      inputMode={field.integer ? 'numeric' : 'decimal'}
      className={`input${invalid ? ' invalid' : ''}`}
      value={draft}
      min={field.min}
      max={field.max}
      step={field.integer ? 1 : 'any'}
      placeholder={placeholderOf(field)}
      disabled={props.disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => commit(props, change(e.target.value))}
    />
  );
}

/** Shows a parse error beside the field, or passes the parsed value on. */
function commit<T>(props: ControlProps, parsed: Parsed<T>): void {
  props.setLocalError(parsed.ok ? null : parsed.error);
  if (parsed.ok) props.onChange(parsed.value);
}

function parseList(field: ConfigField, text: string): Parsed<(string | number)[] | undefined> {
  const items = text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (items.length === 0) return { ok: true, value: field.required && !field.hasDefault ? [] : undefined };
  if (field.kind === 'string-list') return { ok: true, value: items };
  const numbers = items.map(Number);
  const bad = items.find((_, i) => !Number.isFinite(numbers[i]));
  return bad === undefined ? { ok: true, value: numbers } : { ok: false, error: `"${bad}" is not a number` };
}

function ListControl(props: ControlProps) {
  const { field, id, describedBy, invalid } = props;
  const value = Array.isArray(props.value) ? (props.value as (string | number)[]) : undefined;
  const { draft, change } = useDraftValue<(string | number)[] | undefined>(value, (v) => (v ?? []).join('\n'), (t) => parseList(field, t));
  return (
    <textarea
      id={id}
      rows={3}
      className={`textarea${invalid ? ' invalid' : ''}`}
      value={draft}
      placeholder={Array.isArray(field.defaultValue) && field.defaultValue.length ? (field.defaultValue as unknown[]).join('\n') : 'one per line'}
      disabled={props.disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => commit(props, change(e.target.value))}
    />
  );
}

function parseJson(text: string): Parsed<unknown> {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${(e as Error).message}` };
  }
}

function JsonControl(props: ControlProps) {
  const { id, describedBy, invalid } = props;
  const { draft, change } = useDraftValue<unknown>(props.value, (v) => (v === undefined ? '' : JSON.stringify(v, null, 2)), parseJson);
  return (
    <textarea
      id={id}
      rows={4}
      className={`textarea${invalid ? ' invalid' : ''}`}
      value={draft}
      placeholder={props.field.hasDefault ? JSON.stringify(props.field.defaultValue) : 'JSON'}
      spellCheck={false}
      disabled={props.disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => commit(props, change(e.target.value))}
    />
  );
}
