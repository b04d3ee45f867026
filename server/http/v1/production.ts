import { env } from '../../env';
import { getServices } from '../../services/app-services';
import { getRateLimiter } from '../../services/rate-limit';
import { editorCredentials } from '../editor-auth';
import { createPublicApi } from './index';

/** The public API over the process-wide services (database, runner), rate limiter (Redis when REDIS_URL) and editor password. */
export const handlePublicApi = createPublicApi(async () => {
  const services = await getServices();
  const config = env();
  return { db: services.db, runner: services.runner, rateLimiter: getRateLimiter(config.REDIS_URL), editorCredentials: editorCredentials(config) };
});
