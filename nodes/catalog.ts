import { createCatalog } from './core/catalog-types';
import type { AnyNodeDefinition } from './core/define';
import { answerOutput } from './io/answer-output/definition';
import { fileInput } from './io/file-input/definition';
import { queryInput } from './io/query-input/definition';
import { resultOutput } from './io/result-output/definition';

/**
 * Every node definition, listed by hand (no folder walking): the editor's palette and the validator
 * read this. Client-safe: definitions only. Add a new node here and its executor in registry.ts.
 * Old typeVersions stay listed so saved graphs keep validating.
 */
export const NODE_DEFINITIONS: readonly AnyNodeDefinition[] = [
  // io
  queryInput,
  fileInput,
  answerOutput,
  resultOutput,
];

export const catalog = createCatalog(NODE_DEFINITIONS);
