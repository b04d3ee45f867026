import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { chooseRoute } from './choose-route';
import { routeQuery } from './definition';

export const routeQueryExecutor = defineExecutor(routeQuery, {
  async execute(ctx, inputs, config) {
    if (typeof inputs.query?.text !== 'string') throw new NodeError('INVALID_INPUT', 'route.query needs a query with text');
    const decision = await chooseRoute(ctx, inputs.query.text, config);
    ctx.record({ route: decision.label, port: decision.port, routeScore: decision.score });
    // exactly one output emits: the others stay undefined, which skips what hangs off them
    return { [decision.port]: inputs.query };
  },
});
