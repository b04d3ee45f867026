import type { NodeExecutor } from './core/context';
import { definitionKey } from './core/define';
import { answerOutputExecutor } from './io/answer-output/execute';
import { fileInputExecutor } from './io/file-input/execute';
import { queryInputExecutor } from './io/query-input/execute';
import { resultOutputExecutor } from './io/result-output/execute';

/** Every node executor, listed by hand: the runner's lookup. Server-only. */
export const NODE_EXECUTORS: readonly NodeExecutor[] = [
  // io
  queryInputExecutor,
  fileInputExecutor,
  answerOutputExecutor,
  resultOutputExecutor,
];

const byKey = new Map(NODE_EXECUTORS.map((e) => [definitionKey(e.definition.type, e.definition.typeVersion), e]));

export function executorFor(type: string, typeVersion: number): NodeExecutor | undefined {
  return byKey.get(definitionKey(type, typeVersion));
}
