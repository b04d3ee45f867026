import type { AnyNodeDefinition } from './define';
import { definitionKey } from './define';

/** Lookup of node definitions by type and version; nodes/catalog.ts builds the real one. */
export interface NodeCatalog {
  get(type: string, typeVersion: number): AnyNodeDefinition | undefined;
  versionsOf(type: string): number[];
  all(): AnyNodeDefinition[];
}

export function createCatalog(definitions: readonly AnyNodeDefinition[]): NodeCatalog {
  const byKey = new Map<string, AnyNodeDefinition>();
  const versions = new Map<string, number[]>();
  for (const definition of definitions) {
    const key = definitionKey(definition.type, definition.typeVersion);
    if (byKey.has(key)) throw new Error(`node definition ${key} is listed twice`);
    byKey.set(key, definition);
    versions.set(definition.type, [...(versions.get(definition.type) ?? []), definition.typeVersion].sort((a, b) => a - b));
  }
  return {
    get: (type, typeVersion) => byKey.get(definitionKey(type, typeVersion)),
    versionsOf: (type) => versions.get(type) ?? [],
    all: () => [...byKey.values()],
  };
}

/** The newest version of each type: what the editor's palette offers. */
export function latestDefinitions(catalog: NodeCatalog): AnyNodeDefinition[] {
  return catalog.all().filter((d) => Math.max(...catalog.versionsOf(d.type)) === d.typeVersion);
}
