import { CHUNK_DEFINITIONS } from './chunk/catalog';
import { createCatalog } from './core/catalog-types';
import type { AnyNodeDefinition } from './core/define';
import { EMBED_DEFINITIONS } from './embed/catalog';
import { GUARD_DEFINITIONS } from './guard/catalog';
import { answerOutput } from './io/answer-output/definition';
import { fileInput } from './io/file-input/definition';
import { queryInput } from './io/query-input/definition';
import { resultOutput } from './io/result-output/definition';
import { webInput } from './io/web-input/definition';
import { LLM_DEFINITIONS } from './llm/catalog';
import { PARSE_DEFINITIONS } from './parse/catalog';
import { PROMPT_DEFINITIONS } from './prompt/catalog';
import { RERANK_DEFINITIONS } from './rerank/catalog';
import { RETRIEVE_DEFINITIONS } from './retrieve/catalog';
import { ROUTE_DEFINITIONS } from './route/catalog';
import { STORE_DEFINITIONS } from './store/catalog';
import { UTIL_DEFINITIONS } from './util/catalog';

/**
 * Every node definition, listed by hand (no folder walking): the editor's palette and the validator
 * read this. Client-safe: definitions only. A category lists its nodes in `<category>/catalog.ts` and
 * their executors in `<category>/registry.ts`. Old typeVersions stay listed so saved graphs keep
 * validating.
 */
export const NODE_DEFINITIONS: readonly AnyNodeDefinition[] = [
  queryInput,
  fileInput,
  webInput,
  answerOutput,
  resultOutput,
  ...PARSE_DEFINITIONS,
  ...CHUNK_DEFINITIONS,
  ...EMBED_DEFINITIONS,
  ...STORE_DEFINITIONS,
  ...RETRIEVE_DEFINITIONS,
  ...RERANK_DEFINITIONS,
  ...PROMPT_DEFINITIONS,
  ...LLM_DEFINITIONS,
  ...GUARD_DEFINITIONS,
  ...ROUTE_DEFINITIONS,
  ...UTIL_DEFINITIONS,
];

export const catalog = createCatalog(NODE_DEFINITIONS);
