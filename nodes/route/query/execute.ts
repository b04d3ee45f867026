import { defineExecutor, type NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { QueryValue } from '../../core/values';
import { classifierModelKey, classifyAlone, withSharedClassifier, type ClassifyOne } from '../../guard/shared/shared-classifier';
import { chooseRoute } from './choose-route';
import { routeQuery, type RouteQueryConfig } from './definition';

/**
 * Rules and example matching run where the node lands. In classifier mode the node is batched per
 * classifier model and runs on that model's thread: concurrent questions share one classifier call.
 */
export const routeQueryExecutor = defineExecutor(routeQuery, {
  modelKey: (config) => (config.mode === 'classifier' ? classifierModelKey(config.classifierModelDir) : undefined),
  execute: (ctx, inputs, config) => route(ctx, inputs.query, config, classifyAlone(ctx)),
  executeBatch: (items) => withSharedClassifier(items, (item) => item.ctx, (item, classify) => route(item.ctx, item.inputs.query, item.config, classify)),
});

async function route(ctx: NodeContext, query: QueryValue | undefined, config: RouteQueryConfig, classify: ClassifyOne) {
  if (typeof query?.text !== 'string') throw new NodeError('INVALID_INPUT', 'route.query needs a query with text');
  const decision = await chooseRoute(ctx, query.text, config, classify);
  ctx.record({ route: decision.label, port: decision.port, routeScore: decision.score });
  // exactly one output emits: the others stay undefined, which skips what hangs off them
  return { [decision.port]: query };
}
