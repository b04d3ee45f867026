import type { z } from 'zod';
import type { NodeCatalog } from './catalog-types';
import type { AnyNodeDefinition } from './define';
import { GraphValidationError, type GraphIssue } from './errors';
import { canConnect, portNamed } from './ports';
import { graphSpec, LIMITS, SUPPORTED_SCHEMA_VERSIONS, type EdgeSpec, type GraphSpec, type NodeSpec } from './spec';

export interface ValidationResult {
  ok: boolean;
  issues: GraphIssue[];
  /** the parsed spec when the structure was readable (even if semantic issues were found). */
  spec?: GraphSpec;
}

/**
 * Checks a spec against the catalog: structure, schema version, ids, node types, configs, edges and
 * port kinds, required inputs, cycles, entry and exit nodes. Every issue names the element at fault.
 */
export function validateGraph(input: unknown, catalog: NodeCatalog): ValidationResult {
  const parsed = graphSpec.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        code: 'INVALID_SPEC',
        message: `spec${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
        path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      })),
    };
  }
  const spec = parsed.data;
  if (!(SUPPORTED_SCHEMA_VERSIONS as readonly number[]).includes(spec.schemaVersion)) {
    return {
      ok: false,
      spec,
      issues: [
        {
          code: 'UNSUPPORTED_SCHEMA_VERSION',
          message: `schemaVersion ${spec.schemaVersion} is not supported (supported: ${SUPPORTED_SCHEMA_VERSIONS.join(', ')})`,
        },
      ],
    };
  }

  const issues: GraphIssue[] = [];
  const nodes = new Map<string, NodeSpec>();
  const definitions = new Map<string, AnyNodeDefinition>();
  checkDuplicateIds(spec, issues);
  for (const node of spec.nodes) {
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    const definition = resolveDefinition(node, catalog, issues);
    if (!definition) continue;
    definitions.set(node.id, definition);
    checkConfig(node, definition.config, issues);
  }
  const validEdges = checkEdges(spec.edges, nodes, definitions, issues);
  checkRequiredInputs(spec.nodes, definitions, validEdges, issues);
  checkCycles(spec.nodes, validEdges, issues);
  checkEntryAndExit(definitions, issues);
  return { ok: issues.length === 0, issues, spec };
}

export function assertValidGraph(input: unknown, catalog: NodeCatalog): GraphSpec {
  const result = validateGraph(input, catalog);
  if (!result.ok || !result.spec) throw new GraphValidationError(result.issues);
  return result.spec;
}

function checkDuplicateIds(spec: GraphSpec, issues: GraphIssue[]): void {
  const seen = new Set<string>();
  for (const node of spec.nodes) {
    if (seen.has(node.id)) issues.push({ code: 'DUPLICATE_ID', nodeId: node.id, message: `node id "${node.id}" is used more than once` });
    seen.add(node.id);
  }
  const edgeIds = new Set<string>();
  for (const edge of spec.edges) {
    if (edgeIds.has(edge.id)) issues.push({ code: 'DUPLICATE_ID', edgeId: edge.id, message: `edge id "${edge.id}" is used more than once` });
    edgeIds.add(edge.id);
  }
  const noteIds = new Set<string>();
  for (const note of spec.notes ?? []) {
    if (noteIds.has(note.id)) issues.push({ code: 'DUPLICATE_ID', message: `note id "${note.id}" is used more than once` });
    noteIds.add(note.id);
  }
}

function resolveDefinition(node: NodeSpec, catalog: NodeCatalog, issues: GraphIssue[]): AnyNodeDefinition | undefined {
  const definition = catalog.get(node.type, node.typeVersion);
  if (definition) return definition;
  const versions = catalog.versionsOf(node.type);
  issues.push({
    code: 'UNKNOWN_NODE_TYPE',
    nodeId: node.id,
    message: versions.length
      ? `node "${node.id}": ${node.type} has no version ${node.typeVersion} (known: ${versions.join(', ')})`
      : `node "${node.id}": unknown node type "${node.type}"`,
  });
  return undefined;
}

function checkConfig(node: NodeSpec, schema: z.ZodType, issues: GraphIssue[]): void {
  if (JSON.stringify(node.config).length > LIMITS.configBytes) {
    issues.push({ code: 'INVALID_CONFIG', nodeId: node.id, path: [], message: `node "${node.id}": config is larger than ${LIMITS.configBytes} bytes` });
    return;
  }
  const result = schema.safeParse(node.config);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    issues.push({
      code: 'INVALID_CONFIG',
      nodeId: node.id,
      path,
      message: `node "${node.id}": config${path.length ? `.${path.join('.')}` : ''}: ${issue.message}`,
    });
  }
}

function checkEdges(
  edges: EdgeSpec[],
  nodes: Map<string, NodeSpec>,
  definitions: Map<string, AnyNodeDefinition>,
  issues: GraphIssue[],
): EdgeSpec[] {
  const valid: EdgeSpec[] = [];
  const edgesIntoPort = new Map<string, number>();
  const connectedPairs = new Map<string, string>();
  for (const edge of edges) {
    const missing = [edge.from.node, edge.to.node].filter((id) => !nodes.has(id));
    if (missing.length) {
      issues.push({ code: 'DANGLING_EDGE', edgeId: edge.id, message: `edge "${edge.id}" points at missing node ${missing.map((m) => `"${m}"`).join(' and ')}` });
      continue;
    }
    const fromDef = definitions.get(edge.from.node);
    const toDef = definitions.get(edge.to.node);
    if (!fromDef || !toDef) continue; // the unknown type is already reported
    const out = portNamed(fromDef.outputs, edge.from.port);
    const inp = portNamed(toDef.inputs, edge.to.port);
    if (!out) {
      issues.push(unknownPort(edge, edge.from.node, edge.from.port, 'output', Object.keys(fromDef.outputs)));
      continue;
    }
    if (!inp) {
      issues.push(unknownPort(edge, edge.to.node, edge.to.port, 'input', Object.keys(toDef.inputs)));
      continue;
    }
    const compatible = canConnect(out.kind, inp.kind);
    if (!compatible.ok) {
      issues.push({
        code: 'INCOMPATIBLE_PORTS',
        edgeId: edge.id,
        nodeId: edge.to.node,
        port: edge.to.port,
        message: `edge "${edge.id}": ${edge.from.node}.${edge.from.port} → ${edge.to.node}.${edge.to.port}: ${compatible.reason}`,
      });
      continue;
    }
    // the same two ports twice would hand a multiple input the same value twice (the editor refuses it too)
    const pair = `${edge.from.node}\u0000${edge.from.port}\u0000${edge.to.node}\u0000${edge.to.port}`;
    const first = connectedPairs.get(pair);
    if (first !== undefined) {
      issues.push({
        code: 'DUPLICATE_EDGE',
        edgeId: edge.id,
        nodeId: edge.to.node,
        port: edge.to.port,
        message: `edge "${edge.id}" connects ${edge.from.node}.${edge.from.port} → ${edge.to.node}.${edge.to.port}, which edge "${first}" already connects: delete one`,
      });
      continue;
    }
    connectedPairs.set(pair, edge.id);
    const key = `${edge.to.node}\u0000${edge.to.port}`;
    const count = (edgesIntoPort.get(key) ?? 0) + 1;
    edgesIntoPort.set(key, count);
    if (count > 1 && !inp.multiple) {
      issues.push({
        code: 'INPUT_ALREADY_CONNECTED',
        edgeId: edge.id,
        nodeId: edge.to.node,
        port: edge.to.port,
        message: `edge "${edge.id}": input ${edge.to.node}.${edge.to.port} takes one connection and already has one`,
      });
      continue;
    }
    valid.push(edge);
  }
  return valid;
}

function unknownPort(edge: EdgeSpec, nodeId: string, port: string, side: 'input' | 'output', known: string[]): GraphIssue {
  return {
    code: 'UNKNOWN_PORT',
    edgeId: edge.id,
    nodeId,
    port,
    message: `edge "${edge.id}": node "${nodeId}" has no ${side} "${port}" (${side}s: ${known.join(', ') || 'none'})`,
  };
}

function checkRequiredInputs(nodes: NodeSpec[], definitions: Map<string, AnyNodeDefinition>, edges: EdgeSpec[], issues: GraphIssue[]): void {
  const connected = new Set(edges.map((e) => `${e.to.node}\u0000${e.to.port}`));
  for (const node of nodes) {
    const definition = definitions.get(node.id);
    if (!definition) continue;
    for (const [port, def] of Object.entries(definition.inputs)) {
      if (def.required === false || connected.has(`${node.id}\u0000${port}`)) continue;
      issues.push({
        code: 'MISSING_REQUIRED_INPUT',
        nodeId: node.id,
        port,
        message: `node "${node.id}" (${definition.title}): input "${port}" (${def.kind}) is required but not connected`,
      });
    }
  }
}

function checkCycles(nodes: NodeSpec[], edges: EdgeSpec[], issues: GraphIssue[]): void {
  const next = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const edge of edges) next.get(edge.from.node)?.push(edge.to.node);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      if (state.get(to) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(to)), to];
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          issues.push({ code: 'CYCLE', nodeId: to, message: `the graph has a cycle: ${cycle.join(' → ')}` });
        }
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const node of nodes) if (!state.has(node.id)) visit(node.id);
}

function checkEntryAndExit(definitions: Map<string, AnyNodeDefinition>, issues: GraphIssue[]): void {
  const roles = [...definitions.values()].map((d) => d.role);
  if (!roles.includes('entry')) {
    issues.push({ code: 'NO_ENTRY', message: 'the graph has no entry node: add an input node (Query input or File input)' });
  }
  if (!roles.includes('exit')) {
    issues.push({ code: 'NO_EXIT', message: 'the graph has no exit node: add an output node (Answer output or Result output)' });
  }
}
