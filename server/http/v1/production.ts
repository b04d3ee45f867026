import { env } from '../../env';
import { getServices } from '../../services/app-services';
import { getRateLimiter } from '../../services/rate-limit';
import { createPublicApi } from './index';

/** The public API over the process-wide services (database, runner) and rate limiter (Redis when REDIS_URL). */
export const handlePublicApi = createPublicApi(async () => {
  const services = await getServices();
  return { db: services.db, runner: services.runner, rateLimiter: getRateLimiter(env().REDIS_URL) };
});
