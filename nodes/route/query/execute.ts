import { defineExecutor, type NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { QueryValue } from '../../core/values';
import { classifierModelKey, classifyAlone, withSharedClassifier, type ClassifyOne } from '../../guard/shared/shared-classifier';
import { chooseRoute, ROUTE_EXAMPLES_MODEL_KEY } from './choose-route';
import { routeQuery, type RouteQueryConfig } from './definition';

/**
 * Rules run where the node lands. The model modes are batched per model and run on that model's
 * thread, never on the event loop: in classifier mode concurrent questions share one classifier
 * call; in embedding mode a batch shares the examples' vectors (GloVe loads there, once).
 */
export const routeQueryExecutor = defineExecutor(routeQuery, {
  modelKey: (config) => (config.mode === 'classifier' ? classifierModelKey(config.classifierModelDir) : config.mode === 'embedding' ? ROUTE_EXAMPLES_MODEL_KEY : undefined),
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
