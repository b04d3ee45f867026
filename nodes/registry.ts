import { CHUNK_EXECUTORS } from './chunk/registry';
import type { NodeExecutor } from './core/context';
import { definitionKey } from './core/define';
import { EMBED_EXECUTORS } from './embed/registry';
import { GUARD_EXECUTORS } from './guard/registry';
import { answerOutputExecutor } from './io/answer-output/execute';
import { fileInputExecutor } from './io/file-input/execute';
import { webInputExecutor } from './io/web-input/execute';
import { queryInputExecutor } from './io/query-input/execute';
import { resultOutputExecutor } from './io/result-output/execute';
import { LLM_EXECUTORS } from './llm/registry';
import { PARSE_EXECUTORS } from './parse/registry';
import { PROMPT_EXECUTORS } from './prompt/registry';
import { RERANK_EXECUTORS } from './rerank/registry';
import { RETRIEVE_EXECUTORS } from './retrieve/registry';
import { ROUTE_EXECUTORS } from './route/registry';
import { STORE_EXECUTORS } from './store/registry';
import { UTIL_EXECUTORS } from './util/registry';

/** Every node executor, listed by hand: the runner's lookup. Server-only. */
export const NODE_EXECUTORS: readonly NodeExecutor[] = [
  queryInputExecutor,
  fileInputExecutor,
  webInputExecutor,
  answerOutputExecutor,
  resultOutputExecutor,
  ...PARSE_EXECUTORS,
  ...CHUNK_EXECUTORS,
  ...EMBED_EXECUTORS,
  ...STORE_EXECUTORS,
  ...RETRIEVE_EXECUTORS,
  ...RERANK_EXECUTORS,
  ...PROMPT_EXECUTORS,
  ...LLM_EXECUTORS,
  ...GUARD_EXECUTORS,
  ...ROUTE_EXECUTORS,
  ...UTIL_EXECUTORS,
];

const byKey = new Map(NODE_EXECUTORS.map((e) => [definitionKey(e.definition.type, e.definition.typeVersion), e]));

export function executorFor(type: string, typeVersion: number): NodeExecutor | undefined {
  return byKey.get(definitionKey(type, typeVersion));
}
