import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import next from 'next';
import { setupTracing } from '../../runners/tracing';
import { env } from '../env';
import { closeServices, getServices, type AppServices } from '../services/app-services';
import { handleApi } from './api-router';
import { editorAccessAllowed, editorChallenge, editorCredentials, isLoopbackHost } from './editor-auth';
import { sendFetchResponse, toFetchRequest } from './fetch-bridge';
import { answerClientErrorsAsJson } from './client-errors';
import { keepIdleConnectionsOpen } from './keep-alive';
import { log } from '../log';
import { seedSampleDocuments } from '../../prisma/seed/sample-documents';

/**
 * The one server process: opens the database (embedded PGlite unless DATABASE_URL is set), starts the
 * runner, serves /api/* natively and everything else through Next.js. `--dev` uses Next's dev mode.
 */
async function main(): Promise<void> {
  setupTracing('ragraph-server'); // spans go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
  const config = env();
  const dev = process.argv.includes('--dev');
  const services = await getServices().catch((error: unknown) => {
    log.error(`[ragraph] cannot start: ${(error as Error).message}`);
    process.exit(1);
  });
  log.info(`[ragraph] database: ${services.db.kind} (${services.db.location})`);

  const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const credentials = editorCredentials(config);
  // browsers ask for /favicon.ico whatever the page links: answer with the app's icon
  const favicon = readFileSync(join(process.cwd(), 'app', 'icon.svg'));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (!editorAccessAllowed(path, req.headers.authorization, credentials)) {
      const challenge = editorChallenge();
      res.writeHead(challenge.status, challenge.headers).end(challenge.body);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }).end(favicon);
      return;
    }
    if (!req.url?.startsWith('/api/')) {
      void handleNext(req, res);
      return;
    }
    const controller = new AbortController();
    const started = performance.now();
    res.on('close', () => {
      controller.abort();
      log.debug(`[http] ${req.method} ${path} ${res.statusCode}${res.writableFinished ? '' : ' (client left)'} ${Math.round(performance.now() - started)} ms`);
    });
    handleApi(toFetchRequest(req, controller.signal))
      .then((response) => sendFetchResponse(response, res))
      .catch((error: unknown) => {
        log.error('[http] unhandled:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'the server failed to handle this request' } }));
      });
  });
  keepIdleConnectionsOpen(server);
  answerClientErrorsAsJson(server);
  server.listen(config.PORT, config.HOST, () => {
    log.info(`[ragraph] ready on http://${config.HOST}:${config.PORT}${credentials ? ' (editor password on)' : ''}`);
    if (!credentials && !isLoopbackHost(config.HOST)) {
      log.warn(`[ragraph] WARNING: the editor listens on ${config.HOST} without a password: anyone who can reach this port can edit graphs, read runs and create API keys. Set EDITOR_PASSWORD.`);
    }
    if (config.SEED_EXAMPLES) void seedSamples(services);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`[ragraph] ${signal}: shutting down`);
    server.close();
    await closeServices().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The guides go into "docs" on a new database, in the background: a failure is logged, never fatal. */
async function seedSamples(services: AppServices): Promise<void> {
  try {
    const seeded = await seedSampleDocuments(services.db, services.runner);
    if (seeded.started) log.info(`[ragraph] ingesting the sample documents into "docs" (run ${seeded.runId})`);
  } catch (error) {
    log.warn(`[ragraph] the sample documents were not ingested: ${(error as Error).message}`);
  }
}

void main();
