import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { graphSpec, type GraphSpec } from '../nodes/core/spec';
import type { Db } from '../server/db/client';
import { getGraphByName } from '../server/services/graphs';
import { getVersion, getVersionByNumber } from '../server/services/versions';

/** Where the seeded example graphs live; the CLI's defaults. */
export const EXAMPLES_DIR = join(import.meta.dirname, '..', 'prisma', 'seed', 'examples');
export const DEFAULT_INGEST_GRAPH = join(EXAMPLES_DIR, 'ingest.graph.json');
export const DEFAULT_QUERY_GRAPH = join(EXAMPLES_DIR, 'query.graph.json');

/** A graph loaded for a command; `version` when it is a saved version (evaluations are recorded against it). */
export interface LoadedGraph {
  spec: GraphSpec;
  source: string;
  version?: { id: string; number: number; graphName: string };
}

/**
 * `--graph` is a path to a .graph.json (a bare spec or an export with a `spec` field) or the name of a
 * graph in the database: its latest saved version (its draft if it has none), or version N with
 * `NAME@N`.
 */
export async function loadGraphSpec(db: Db | undefined, nameOrFile: string): Promise<LoadedGraph> {
  if (nameOrFile.endsWith('.json') || existsSync(nameOrFile)) {
    const path = resolve(nameOrFile);
    if (!existsSync(path)) throw new Error(`graph file ${path} does not exist`);
    let raw: { spec?: unknown };
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as typeof raw;
    } catch (error) {
      throw new Error(`${path} is not a graph file: it is not JSON (${(error as Error).message}); export one from the editor or use prisma/seed/examples/*.graph.json`);
    }
    const parsed = graphSpec.safeParse(raw.spec ?? raw);
    if (!parsed.success) throw new Error(`${path} is not a graph spec: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { spec: parsed.data, source: path };
  }
  if (!db) throw new Error(`graph file ${nameOrFile} does not exist`);
  const { graph, versionNumber } = await findGraph(db, nameOrFile);
  if (versionNumber !== undefined) {
    const version = await getVersionByNumber(db, graph.id, versionNumber).catch(() => {
      throw new Error(`graph "${graph.name}" has no version ${versionNumber} (its latest is ${graph.latestVersion ? `v${graph.latestVersion.number}` : 'none: save one in the editor'})`);
    });
    return { spec: version.spec, source: `graph "${graph.name}" v${version.number}`, version: { id: version.id, number: version.number, graphName: graph.name } };
  }
  if (!graph.latestVersion) return { spec: graph.draft, source: `graph "${graph.name}" (draft, no saved version)` };
  const version = await getVersion(db, graph.latestVersion.id);
  return { spec: version.spec, source: `graph "${graph.name}" v${version.number}`, version: { id: version.id, number: version.number, graphName: graph.name } };
}

/** A graph by its name, or by `NAME@N` (version N) when no graph is called that whole string. */
async function findGraph(db: Db, nameOrRef: string) {
  const byName = await getGraphByName(db, nameOrRef).catch(() => undefined);
  if (byName) return { graph: byName };
  const ref = /^(.+)@(\d+)$/.exec(nameOrRef);
  const graph = ref ? await getGraphByName(db, ref[1]!).catch(() => undefined) : undefined;
  if (!graph) throw new Error(`"${nameOrRef}" is neither a .graph.json file nor the name of a graph in the database (NAME or NAME@VERSION)`);
  return { graph, versionNumber: Number(ref![2]) };
}

/** Sets config fields on every node of a type; fails if the graph has no such node. */
export function overrideConfig(spec: GraphSpec, nodeType: string, fields: Record<string, unknown>): GraphSpec {
  const matches = spec.nodes.filter((n) => n.type === nodeType);
  if (matches.length === 0) throw new Error(`the graph has no ${nodeType} node to configure`);
  return { ...spec, nodes: spec.nodes.map((n) => (n.type === nodeType ? { ...n, config: { ...n.config, ...fields } } : n)) };
}

/**
 * `--set NODE_ID.FIELD=VALUE` overrides (for experiments): VALUE is parsed as JSON when it can be
 * (numbers, booleans, objects), else taken as a string.
 */
export function applySets(spec: GraphSpec, sets: readonly string[]): GraphSpec {
  let out = spec;
  for (const set of sets) {
    const match = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(set);
    if (!match) throw new Error(`--set "${set}": use NODE_ID.FIELD=VALUE, e.g. retrieve.mode=lexical`);
    const [, nodeId, field, rawValue] = match as unknown as [string, string, string, string];
    if (!out.nodes.some((n) => n.id === nodeId)) throw new Error(`--set "${set}": the graph has no node "${nodeId}" (nodes: ${out.nodes.map((n) => n.id).join(', ')})`);
    let value: unknown = rawValue;
    try {
      value = JSON.parse(rawValue);
    } catch {
      // a plain string
    }
    out = { ...out, nodes: out.nodes.map((n) => (n.id === nodeId ? { ...n, config: { ...n.config, [field]: value } } : n)) };
  }
  return out;
}
