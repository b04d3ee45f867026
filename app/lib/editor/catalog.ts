import { catalog } from '../../../nodes/catalog';
import { latestDefinitions, type NodeCatalog } from '../../../nodes/core/catalog-types';
import { NODE_CATEGORIES, type AnyNodeDefinition, type NodeCategory } from '../../../nodes/core/define';

/** The node catalog as the editor sees it: the client-safe definitions, grouped for the palette. */
export const editorCatalog: NodeCatalog = catalog;

export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  io: 'Inputs & outputs',
  parse: 'Parse',
  chunk: 'Chunk',
  embed: 'Embed',
  store: 'Store',
  retrieve: 'Retrieve',
  rerank: 'Rerank',
  prompt: 'Prompt',
  llm: 'LLM',
  guard: 'Guardrails',
  route: 'Route',
  util: 'Utilities',
};

/** MIME type of a palette item being dragged onto the canvas: the node type travels as its data. */
export const NODE_DRAG_TYPE = 'application/x-ragraph-node';

/** One accent per category, used on node headers, palette dots and the minimap. */
export const CATEGORY_COLORS: Record<NodeCategory, string> = {
  io: '#475569',
  parse: '#0284c7',
  chunk: '#0d9488',
  embed: '#059669',
  store: '#4d7c0f',
  retrieve: '#d97706',
  rerank: '#ea580c',
  prompt: '#db2777',
  llm: '#7c3aed',
  guard: '#dc2626',
  route: '#2563eb',
  util: '#78716c',
};

export interface PaletteGroup {
  category: NodeCategory;
  label: string;
  definitions: AnyNodeDefinition[];
}

/**
 * Whether every word of a search text appears in one of `fields`, case aside (an empty search
 * matches everything): how the palette, quick add and Find narrow what they list.
 */
export function matchesSearch(search: string, ...fields: string[]): boolean {
  const text = fields.join(' ').toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** Newest version of each type, grouped by category in pipeline order, filtered by a search text. */
export function paletteGroups(source: NodeCatalog, search = ''): PaletteGroup[] {
  const matches = (d: AnyNodeDefinition) => matchesSearch(search, d.title, d.type, d.category, d.description);
  const latest = latestDefinitions(source).filter(matches);
  return NODE_CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    definitions: latest.filter((d) => d.category === category).sort((a, b) => a.title.localeCompare(b.title)),
  })).filter((g) => g.definitions.length > 0);
}

/** The newest version of a type, for adding a node. */
export function latestDefinitionOf(source: NodeCatalog, type: string): AnyNodeDefinition | undefined {
  const versions = source.versionsOf(type);
  const newest = versions[versions.length - 1];
  return newest === undefined ? undefined : source.get(type, newest);
}
