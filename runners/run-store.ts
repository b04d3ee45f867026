import type { Db } from '../server/db/client';
import type { Prisma } from '../server/db/generated/client';
import type { GraphSpec } from '../nodes/core/spec';
import type { RunError, RunStatus } from './events';

/**
 * The runner's persistence: Run rows, one NodeRun row per node attempt, and each finished node's full
 * output (RunArtifact) so a retried or resumed run continues where it stopped and the editor can show
 * any node's output. NodeRun rows and artifacts are written behind (batched every few ms and always
 * before the run is marked finished), which keeps per-node overhead off the critical path.
 */
export interface NewRun {
  graphId: string;
  graphVersionId: string | null;
  spec: GraphSpec;
  specHash: string;
  input: Record<string, unknown>;
  source: string;
  endpointId?: string;
  apiKeyPrefix?: string;
}

export interface NodeRunRow {
  runId: string;
  nodeId: string;
  nodeType: string;
  attempt: number;
  status: string;
  device?: string;
  worker?: string;
  batchSize?: number;
  queuedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  inputPreview?: unknown;
  outputPreview?: unknown;
  metrics?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
}

export interface Artifact {
  /** the output ports that emitted, with their values */
  outputs: Record<string, unknown>;
  /** fields an exit node wrote into the run output */
  runOutput: Record<string, unknown>;
}

/** Artifacts larger than this are not kept: a resumed run recomputes that node. */
const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

export class RunStore {
  private nodeRows: NodeRunRow[] = [];
  private artifacts: { runId: string; nodeId: string; data: Artifact; sizeBytes: number }[] = [];
  private flushing: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly db: Db) {}

  async createRun(run: NewRun): Promise<string> {
    const row = await this.db.prisma.run.create({
      data: {
        graphId: run.graphId,
        graphVersionId: run.graphVersionId,
        spec: run.spec as unknown as Prisma.InputJsonValue,
        specHash: run.specHash,
        input: run.input as Prisma.InputJsonValue,
        source: run.source,
        endpointId: run.endpointId,
        apiKeyPrefix: run.apiKeyPrefix,
      },
      select: { id: true },
    });
    return row.id;
  }

  async loadRun(runId: string) {
    const run = await this.db.prisma.run.findUnique({
      where: { id: runId },
      select: { id: true, status: true, spec: true, input: true, cancelRequested: true, graphVersion: { select: { spec: true } } },
    });
    if (!run) return undefined;
    return {
      status: run.status as RunStatus,
      spec: (run.spec ?? run.graphVersion?.spec) as unknown as GraphSpec,
      input: run.input as Record<string, unknown>,
      cancelRequested: run.cancelRequested,
    };
  }

  async markRunning(runId: string): Promise<boolean> {
    const updated = await this.db.prisma.run.updateMany({
      where: { id: runId, status: { in: ['queued', 'running'] } },
      data: { status: 'running', startedAt: new Date() },
    });
    return updated.count > 0;
  }

  async finishRun(runId: string, status: RunStatus, result: { output?: Record<string, unknown>; error?: RunError; timings?: Record<string, unknown> }) {
    await this.flush();
    await this.db.prisma.run.updateMany({
      where: { id: runId, status: { in: ['queued', 'running'] } },
      data: {
        status,
        finishedAt: new Date(),
        output: (result.output ?? undefined) as Prisma.InputJsonValue | undefined,
        error: (result.error ?? undefined) as Prisma.InputJsonValue | undefined,
        timings: (result.timings ?? undefined) as Prisma.InputJsonValue | undefined,
      },
    });
  }

  async requestCancel(runId: string): Promise<boolean> {
    const updated = await this.db.prisma.run.updateMany({ where: { id: runId, status: { in: ['queued', 'running'] } }, data: { cancelRequested: true } });
    return updated.count > 0;
  }

  /** Runs that a stopped process left unfinished (in-process mode resumes them on start). */
  async unfinishedRuns(): Promise<string[]> {
    const rows = await this.db.prisma.run.findMany({ where: { status: { in: ['queued', 'running'] } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => r.id);
  }

  async loadArtifacts(runId: string): Promise<Map<string, Artifact>> {
    await this.flush();
    const rows = await this.db.prisma.runArtifact.findMany({ where: { runId } });
    return new Map(rows.map((r) => [r.nodeId, r.data as unknown as Artifact]));
  }

  async loadArtifact(runId: string, nodeId: string): Promise<Artifact | undefined> {
    const row = await this.db.prisma.runArtifact.findUnique({ where: { runId_nodeId: { runId, nodeId } } });
    return (row?.data as unknown as Artifact | undefined) ?? undefined;
  }

  recordNode(row: NodeRunRow): void {
    this.nodeRows.push(row);
    this.scheduleFlush();
  }

  saveArtifact(runId: string, nodeId: string, data: Artifact): void {
    const sizeBytes = Buffer.byteLength(JSON.stringify(data));
    if (sizeBytes > MAX_ARTIFACT_BYTES) return;
    this.artifacts.push({ runId, nodeId, data, sizeBytes });
    this.scheduleFlush();
  }

  /** Writes everything buffered; concurrent callers share one flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.nodeRows.length === 0 && this.artifacts.length === 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.nodeRows;
    const artifacts = this.artifacts;
    this.nodeRows = [];
    this.artifacts = [];
    this.flushing = this.write(rows, artifacts).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private scheduleFlush(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => console.error('[runner] could not write traces:', error));
    }, 25);
  }

  private async write(rows: NodeRunRow[], artifacts: typeof this.artifacts): Promise<void> {
    if (rows.length) {
      await this.db.prisma.nodeRun.createMany({
        data: rows.map((r) => ({
          ...r,
          inputPreview: r.inputPreview as Prisma.InputJsonValue | undefined,
          outputPreview: r.outputPreview as Prisma.InputJsonValue | undefined,
          metrics: r.metrics as Prisma.InputJsonValue | undefined,
        })),
        skipDuplicates: true,
      });
    }
    if (artifacts.length) {
      await this.db.prisma.runArtifact.createMany({
        data: artifacts.map((a) => ({ ...a, data: a.data as unknown as Prisma.InputJsonValue })),
        skipDuplicates: true,
      });
    }
  }
}
