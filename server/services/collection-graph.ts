import type { GraphSpec } from '../../nodes/core/spec';
import { EXAMPLE_NAMES } from '../../prisma/seed/examples';
import type { Db } from '../db/client';
import { ServiceError } from './errors';
import { getGraph, getGraphByName } from './graphs';
import { getVersion } from './versions';

/**
 * The graph an action on a collection runs (an upload its ingestion graph, a tried query its query
 * graph): the one named, else the seeded example; its latest saved version (what "the graph" means to
 * a user), else its draft; with its store or retriever nodes pointed at the collection for this run.
 * The graph itself is not changed.
 */
const ROLES = {
  ingestion: {
    example: EXAMPLE_NAMES.ingestion,
    entry: { types: ['io.file-input', 'io.web-input'], name: 'File input or Web pages' },
    target: { prefix: 'store.', missing: 'has no store node: it cannot put documents into a collection' },
  },
  query: {
    example: EXAMPLE_NAMES.query,
    entry: { types: ['io.query-input'], name: 'Query input' },
    target: { prefix: 'retrieve.', missing: 'has no retriever node: it cannot search a collection' },
  },
} as const;

export type CollectionGraphRole = keyof typeof ROLES;

export async function collectionGraph(db: Db, role: CollectionGraphRole, collection: string, graphId?: string) {
  const graph = graphId ? await getGraph(db, graphId) : await exampleGraph(db, role);
  const version = graph.latestVersion ? await getVersion(db, graph.latestVersion.id) : null;
  return { graph, version, spec: pointedAt(version ? version.spec : graph.draft, collection, graph.name, role) };
}

async function exampleGraph(db: Db, role: CollectionGraphRole) {
  const name = ROLES[role].example;
  try {
    return await getGraphByName(db, name);
  } catch (error) {
    if (!(error instanceof ServiceError && error.code === 'NOT_FOUND')) throw error;
    throw new ServiceError('NOT_FOUND', `the ${role} graph "${name}" does not exist (it was deleted): create it again from the example, or choose another ${role} graph`);
  }
}

/** A copy of the spec whose store (ingestion) or retriever (query) nodes use `collection`; refuses graphs of the other kind. */
export function pointedAt(spec: GraphSpec, collection: string, graphName: string, role: CollectionGraphRole): GraphSpec {
  const { entry, target } = ROLES[role];
  if (!spec.nodes.some((n) => (entry.types as readonly string[]).includes(n.type))) {
    throw new ServiceError('BAD_REQUEST', `graph "${graphName}" has no ${entry.name} node: choose ${role === 'ingestion' ? 'an' : 'a'} ${role} graph`);
  }
  if (!spec.nodes.some((n) => n.type.startsWith(target.prefix))) throw new ServiceError('BAD_REQUEST', `graph "${graphName}" ${target.missing}`);
  return { ...spec, nodes: spec.nodes.map((n) => (n.type.startsWith(target.prefix) ? { ...n, config: { ...n.config, collection } } : n)) };
}
