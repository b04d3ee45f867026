'use client';
import { useMemo } from 'react';
import type { AnyNodeDefinition } from '../../../../nodes/core/define';
import type { NodeSpec } from '../../../../nodes/core/spec';
import { cachedConfigFields, configErrors } from '../../../lib/editor/config-fields';
import { useEditorStore } from '../../../lib/editor/react';
import { ConfigFieldInput } from './config-field';

/** The node's config as a form generated from its zod schema, validated with that schema as the user types. */
export function ConfigForm({ node, definition, readOnly }: { node: NodeSpec; definition: AnyNodeDefinition; readOnly: boolean }) {
  const store = useEditorStore();
  const fields = cachedConfigFields(definition.config);
  const errors = useMemo(() => configErrors(definition.config, node.config), [definition, node.config]);
  const set = (key: string, value: unknown) => store.getState().setConfig(node.id, key, value);
  if (fields === null) {
    return (
      <ConfigFieldInput
        field={{ key: '', label: 'Configuration (JSON)', kind: 'json', hasDefault: false, required: true, nullable: false }}
        value={node.config}
        error={errors.get('')}
        disabled={readOnly}
        onChange={(value) => {
          const state = store.getState();
          const config = (value ?? {}) as Record<string, unknown>;
          for (const key of new Set([...Object.keys(node.config), ...Object.keys(config)])) state.setConfig(node.id, key, config[key]);
        }}
      />
    );
  }
  if (fields.length === 0) return <p className="muted small">This node has no settings.</p>;
  const unknownKeys = Object.keys(node.config).filter((k) => !fields.some((f) => f.key === k));
  return (
    <form className="config-form" onSubmit={(e) => e.preventDefault()} aria-label={`${definition.title} settings`}>
      {fields.map((field) => (
        <ConfigFieldInput key={field.key} field={field} value={node.config[field.key]} error={errors.get(field.key)} disabled={readOnly} onChange={(value) => set(field.key, value)} />
      ))}
      {errors.get('') && <div className="alert error small">{errors.get('')}</div>}
      {unknownKeys.length > 0 && (
        <div className="alert warn small">
          Settings this node type does not know: {unknownKeys.map((k) => <code key={k}>{k} </code>)}
          <button type="button" className="btn small" disabled={readOnly} onClick={() => unknownKeys.forEach((k) => set(k, undefined))}>
            Remove them
          </button>
        </div>
      )}
    </form>
  );
}
