import { Queue } from 'bullmq';
import type { Db } from '../../server/db/client';
import type { EventBus } from '../events';
import { RunStore } from '../run-store';
import { assertRedisReachable, failFastConnection, queuePrefix, RUN_QUEUE } from './connection';
import { createRedisBus } from './redis-bus';
import { addRunJob } from './run-job';

/**
 * The server's side of the distributed mode: it creates Run rows, puts `{runId}` on the run queue,
 * and listens to run events over Redis. Workers (`npm run worker`) orchestrate and execute.
 */
export interface DistributedClient {
  store: RunStore;
  bus: EventBus;
  enqueueRun(runId: string): Promise<void>;
  cancel(runId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createDistributedClient(db: Db, redisUrl: string): Promise<DistributedClient> {
  const connection = failFastConnection(redisUrl);
  const runs = new Queue(RUN_QUEUE, { connection, prefix: queuePrefix() });
  runs.on('error', () => undefined); // surfaced by enqueueRun's reachability check
  const bus = createRedisBus(redisUrl);
  return {
    store: new RunStore(db),
    bus,
    async enqueueRun(runId) {
      await assertRedisReachable(connection, redisUrl);
      await addRunJob(runs, runId);
    },
    async cancel() {
      // the facade publishes the cancellation; the worker orchestrating the run aborts it
    },
    async close() {
      await runs.close().catch(() => undefined);
      await bus.close();
      connection.disconnect();
    },
  };
}
