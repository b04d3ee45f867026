import type { Db } from '../server/db/client';
import type { Prisma } from '../server/db/generated/client';
import type { BatchingSummary } from './batch-summary';
import type { Device, WorkerRole } from './devices';
import { log } from '../server/log';

/**
 * Workers announce themselves in the `worker` table and heartbeat every few seconds with their
 * devices, the models loaded on them and the runs they orchestrate; the server lists the ones heard
 * from recently, and run recovery leaves their runs alone.
 */
export interface WorkerInfo {
  id: string;
  /** what it does: orchestrate runs, execute node tasks, or both */
  roles: WorkerRole[];
  /** the devices it executes node tasks on (none for an orchestrator only) */
  devices: Device[];
  /**
   * `copies`: how many the device keeps (ONNX_REPLICAS on a CPU); `batching`: its batcher's recent
   * batches, once it has run one. Both absent from older workers' rows.
   */
  models: { model: string; device: string; memoryMB: number; copies?: number; batching?: BatchingSummary }[];
  /** ids of the runs it orchestrates now (as of its last heartbeat) */
  orchestrating: string[];
  concurrency: number;
  startedAt: Date;
  heartbeatAt: Date;
  alive: boolean;
}

export const HEARTBEAT_MS = 5_000;
/** a worker not heard from for this long is shown as gone (and dropped by the others after 10×) */
const ALIVE_MS = 3 * HEARTBEAT_MS;

export function startHeartbeat(
  db: Db,
  worker: { id: string; roles: readonly WorkerRole[]; devices: Device[]; concurrency: number; models: () => WorkerInfo['models']; orchestrating: () => string[] },
): { stop(): Promise<void> } {
  const beat = async () => {
    const data = {
      roles: [...worker.roles],
      devices: worker.devices as unknown as Prisma.InputJsonValue,
      models: worker.models() as unknown as Prisma.InputJsonValue,
      orchestrating: worker.orchestrating(),
      concurrency: worker.concurrency,
      heartbeatAt: new Date(),
    };
    await db.prisma.worker.upsert({ where: { id: worker.id }, create: { id: worker.id, ...data }, update: data });
    // live workers tidy up after dead ones, so listing them stays a plain read
    await db.prisma.worker.deleteMany({ where: { heartbeatAt: { lt: new Date(Date.now() - 10 * ALIVE_MS) } } });
  };
  const first = beat().catch((error: unknown) => log.error('[worker] heartbeat failed:', (error as Error).message));
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await first;
      await db.prisma.worker.deleteMany({ where: { id: worker.id } }).catch(() => undefined);
    },
  };
}

export async function listWorkers(db: Db): Promise<WorkerInfo[]> {
  const now = Date.now();
  const rows = await db.prisma.worker.findMany({ orderBy: { startedAt: 'asc' } });
  return rows.map((r) => ({
    id: r.id,
    roles: r.roles as unknown as WorkerRole[],
    devices: r.devices as unknown as Device[],
    models: r.models as unknown as WorkerInfo['models'],
    orchestrating: runIds(r.orchestrating),
    concurrency: r.concurrency,
    startedAt: r.startedAt,
    heartbeatAt: r.heartbeatAt,
    alive: now - r.heartbeatAt.getTime() < ALIVE_MS,
  }));
}

/** Runs that live workers said, in their last heartbeat, they are orchestrating. */
export async function runsOrchestratedByLiveWorkers(db: Db): Promise<Set<string>> {
  const rows = await db.prisma.worker.findMany({ where: { heartbeatAt: { gt: new Date(Date.now() - ALIVE_MS) } }, select: { orchestrating: true } });
  return new Set(rows.flatMap((r) => runIds(r.orchestrating)));
}

/** the `orchestrating` column as run ids (rows of workers older than the column hold `[]`) */
function runIds(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
