'use client';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { PORT_COLORS, type PortDefinition } from '../../../../nodes/core/ports';
import { CATEGORY_COLORS } from '../../../lib/editor/catalog';
import { formatDefault, secretKeys } from '../../../lib/editor/config-fields';
import type { FlowNode } from '../../../lib/editor/flow-mapping';
import { shortMessage } from '../../../lib/editor/issues';
import { SelectedNodeToolbar } from './node-toolbar';

const DIFF_LABEL = { added: 'added', removed: 'removed', changed: 'changed' } as const;

/** A graph node on the canvas: header, one handle per port coloured by kind, a short config summary. */
function GraphNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const { spec, definition, issues, portIssues, connectedInputs, diff, ghost, extraPorts, readOnly } = data;
  const title = spec.label ?? definition?.title ?? spec.type;
  const accent = definition ? CATEGORY_COLORS[definition.category] : 'var(--danger)';
  const inputs: [string, PortDefinition | undefined][] = [
    ...Object.entries(definition?.inputs ?? {}),
    ...extraPorts.inputs.map((p): [string, undefined] => [p, undefined]),
  ];
  const outputs: [string, PortDefinition | undefined][] = [
    ...Object.entries(definition?.outputs ?? {}),
    ...extraPorts.outputs.map((p): [string, undefined] => [p, undefined]),
  ];
  const classes = ['gnode', selected && 'selected', issues.length > 0 && 'has-issues', diff && `diff-${diff}`, ghost && 'ghost']
    .filter(Boolean)
    .join(' ');
  const issueText = issues.map(shortMessage).join('\n');
  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-node-type={spec.type}
      data-diff={diff ?? undefined}
      aria-label={`${title} (${spec.type})${issues.length ? `, ${issues.length} problem${issues.length === 1 ? '' : 's'}` : ''}${diff ? `, ${diff}` : ''}`}
      style={{ ['--accent-node' as string]: accent }}
    >
      <div className="gnode-head">
        <span className="gnode-title">{title}</span>
        {diff && <span className={`gnode-diff ${diff}`}>{DIFF_LABEL[diff]}</span>}
        {issues.length > 0 && (
          <span className="gnode-issues" title={issueText} aria-hidden>
            ⚠ {issues.length}
          </span>
        )}
      </div>
      <div className="gnode-sub" title={definition?.description}>
        {spec.id} · {definition ? spec.type : `unknown type ${spec.type}@${spec.typeVersion}`}
        {definition?.experimental && <span className="gnode-tag">experimental</span>}
      </div>
      {(inputs.length > 0 || outputs.length > 0) && (
        <div className="gnode-ports">
          <div className="gnode-col">
            {inputs.map(([name, port]) => (
              <PortRow key={name} side="in" name={name} port={port} issues={portIssues[name]} connected={connectedInputs.includes(name)} />
            ))}
          </div>
          <div className="gnode-col out">
            {outputs.map(([name, port]) => (
              <PortRow key={name} side="out" name={name} port={port} issues={portIssues[name]} connected />
            ))}
          </div>
        </div>
      )}
      <ConfigSummary config={spec.config} secrets={secretKeys(definition?.config)} />
      {!ghost && !readOnly && <SelectedNodeToolbar nodeId={id} canRunUpTo={!!definition && definition.role !== 'entry'} />}
    </div>
  );
}

function PortRow(props: { side: 'in' | 'out'; name: string; port: PortDefinition | undefined; issues: string[] | undefined; connected: boolean }) {
  const { side, name, port, issues } = props;
  const kind = port?.kind;
  const optional = side === 'in' && port?.required === false;
  const details = [
    `${port?.label ?? name} — ${kind ?? 'unknown port'}`,
    side === 'in' && port ? (optional ? 'optional' : 'required') : '',
    port?.multiple ? 'accepts several connections' : '',
    port?.description ?? '',
    ...(issues ?? []),
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div className={`port ${side}${issues?.length ? ' port-issue' : ''}`} title={details}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={name}
        className={`port-handle${port?.multiple ? ' multiple' : ''}`}
        style={{ background: kind ? PORT_COLORS[kind] : 'var(--danger)' }}
        aria-label={`${side === 'in' ? 'input' : 'output'} ${name} (${kind ?? 'unknown'})`}
        data-port={name}
        data-kind={kind}
      />
      <span className="port-name">
        {name}
        {side === 'in' && !optional && port && !props.connected && <span className="port-required" aria-hidden> *</span>}
      </span>
      {kind !== name && (
        <span className="port-kind" style={{ color: kind ? PORT_COLORS[kind] : undefined }}>
          {kind ?? '?'}
        </span>
      )}
    </div>
  );
}

/** Up to three configured values, so a graph reads at a glance without opening each node. */
function ConfigSummary({ config, secrets }: { config: Record<string, unknown>; secrets: Set<string> }) {
  const entries = Object.entries(config).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return null;
  return (
    <dl className="gnode-config">
      {entries.slice(0, 3).map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{secrets.has(key) ? '••••••' : formatDefault(value)}</dd>
        </div>
      ))}
      {entries.length > 3 && <div className="muted">+{entries.length - 3} more</div>}
    </dl>
  );
}

export const GraphNode = memo(GraphNodeView);
