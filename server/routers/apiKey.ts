import { z } from 'zod';
import * as keys from '../services/api-keys';
import { uuid } from '../services/spec-input';
import { publicProcedure, router } from '../trpc';

const keyName = z.string().trim().min(1, 'a key needs a name').max(100, 'key names are at most 100 characters');
const scopes = z
  .array(z.union([z.literal(keys.ALL_ENDPOINTS), uuid]))
  .min(1, 'scopes: name the endpoints this key may call, or "*" for all')
  .max(500);
const rateLimit = z.number().int().min(1, 'the rate limit is at least 1 call per minute').max(10_000_000);

export const apiKeyRouter = router({
  list: publicProcedure.query(({ ctx }) => keys.listApiKeys(ctx.db)),

  /** The answer carries `secret`: the only time the full key is ever shown. */
  create: publicProcedure
    .input(z.object({ name: keyName, scopes, rateLimitPerMinute: rateLimit.optional() }))
    .mutation(({ ctx, input }) => keys.createApiKey(ctx.db, input)),

  update: publicProcedure
    .input(z.object({ id: uuid, name: keyName.optional(), scopes: scopes.optional(), rateLimitPerMinute: rateLimit.optional() }))
    .mutation(({ ctx, input }) => keys.updateApiKey(ctx.db, input)),

  revoke: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => keys.revokeApiKey(ctx.db, input.id)),
});
