import { hostname } from 'node:os';
import { cpuReplicasPerModel, cpuSpinWait, cpuThreadsPerModel } from '../../nodes/models/onnx-session';
import { openDb } from '../../server/db/client';
import { env } from '../../server/env';
import { startWorker } from '../bullmq/worker';
import { parseDevices } from '../devices';
import { setupTracing } from '../tracing';
import { log } from '../../server/log';

/**
 * `npm run worker`: a BullMQ worker process (needs DATABASE_URL and REDIS_URL). WORKER_ROLES says
 * whether it orchestrates runs, executes node tasks or both (the default), WORKER_DEVICES which
 * devices it executes on (`cpu`, or `cuda:0,cuda:1` on a GPU machine), WORKER_CONCURRENCY how many
 * node tasks it runs at once (their model calls are batched together).
 */
async function main() {
  const config = env();
  if (!config.REDIS_URL || !config.DATABASE_URL) {
    log.error('[worker] needs REDIS_URL and DATABASE_URL: without Redis, `npm start` runs graphs in its own process and needs no worker');
    process.exit(2);
  }
  const tracing = setupTracing('ragraph-worker');
  const devices = parseDevices(config.WORKER_DEVICES);
  const roles = config.WORKER_ROLES;
  const workerId = process.env.WORKER_ID ?? `${hostname()}:${process.pid}`;
  const db = await openDb({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const lockDurationMs = process.env.WORKER_LOCK_MS ? Number(process.env.WORKER_LOCK_MS) : undefined; // tests shorten it
  const maxOutputMB = process.env.WORKER_MAX_OUTPUT_MB ? Number(process.env.WORKER_MAX_OUTPUT_MB) : undefined; // tests lower it
  const worker = await startWorker({
    db,
    redisUrl: config.REDIS_URL,
    workerId,
    devices,
    roles,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs,
    maxOutputMB,
    recoveryIntervalMs: config.WORKER_RECOVERY_MS,
  });
  const [copies, threads, spin] = [cpuReplicasPerModel(), cpuThreadsPerModel(), cpuSpinWait()];
  const onnx = `ONNX models on the CPU: ${copies === 1 ? 'one copy' : `${copies} copies`} of each, ${threads} ${threads === 1 ? 'thread' : 'threads'} per copy, ${spin ? 'spinning' : 'sleeping'} between calls`;
  const executes = roles.includes('executor');
  const does = roles.length === 2 ? 'orchestrates runs and executes node tasks' : executes ? 'executes node tasks only' : 'orchestrates runs only';
  log.info(`[worker] ${workerId} ready: ${does}` + (executes ? `; devices ${devices.map((d) => d.id).join(', ')}, concurrency ${config.WORKER_CONCURRENCY}; ${onnx}` : ''));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`[worker] ${signal}: finishing running tasks…`);
    await worker.close();
    await db.close();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  log.error('[worker] could not start:', (error as Error).message);
  process.exit(1);
});
