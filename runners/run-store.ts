import { randomUUID } from 'node:crypto';
import type { Db } from '../server/db/client';
import type { GraphSpec } from '../nodes/core/spec';
import type { RunError, RunStatus } from './events';
import { GroupCommit } from './group-commit';
import { jsonBytesLowerBound } from './json-size';
import { storableJson } from './storable-json';
import { log } from '../server/log';

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
  /**
   * Set instead of `runOutput` when those fields are stored once, in the run's output (an exit
   * node's artifact saved with a succeeded run: orchestrator.ts saveExitArtifacts). Only finished
   * runs have such artifacts, so a resumed run never meets one.
   */
  runOutputFields?: string[];
}

/**
 * Outputs larger than this are not kept: a resumed run recomputes that node, and the editor shows
 * its trace preview (it shows at most 2 MB of any output anyway). A large upload's chunks with their
 * vectors run to hundreds of MB: serialising and storing them held the event loop for seconds, and
 * the database a copy per upload, for a resume that recomputing them costs little more than.
 */
export const MAX_ARTIFACT_MB = 16;
const MAX_ARTIFACT_BYTES = MAX_ARTIFACT_MB * 1024 * 1024;

/**
 * How long a failed trace write waits before each try again. A database that blips (a connection
 * timing out while the process was busy with a large upload) must not cost runs their NodeRun rows,
 * nor leave a finished run `running`; what still fails after the last try is given up, logged.
 */
const TRACE_RETRY_MS = [250, 1_000, 4_000];

export class RunStore {
  private nodeRows: NodeRunRow[] = [];
  /** serialised once, when saved: outputs (retrieved passages, vectors) are the largest thing a run writes */
  private artifacts: { runId: string; nodeId: string; json: string; sizeBytes: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** behind-writes that failed in a row: the rows they held wait for the next try */
  private failedWrites = 0;
  /** run rows, inserted together when several runs start at once */
  private readonly creates = new GroupCommit<string>((records) => this.insertRuns(records), { isolateFailures: true });
  /** finished runs, written with whatever NodeRun rows and artifacts are buffered */
  private readonly finishes = new GroupCommit<string>((records) => this.writeBuffered(records), {
    hasOtherWork: () => this.nodeRows.length > 0 || this.artifacts.length > 0,
  });

  constructor(readonly db: Db) {}

  /** `running` for a run this process starts at once (in-process), else `queued` */
  async createRun(run: NewRun, status: 'queued' | 'running' = 'queued'): Promise<string> {
    const id = randomUUID();
    await this.creates.submit(
      storableJson({ id, graph_id: run.graphId, graph_version_id: run.graphVersionId, endpoint_id: run.endpointId ?? null, api_key_prefix: run.apiKeyPrefix ?? null, source: run.source, status, spec_hash: run.specHash, spec: run.spec, input: run.input }),
    );
    return id;
  }

  /**
   * Inserts the runs created together (group commit). A run keeps its spec only when it differs from
   * its version's (a draft, or an upload pointed at a collection): readers fall back to the version,
   * so an endpoint call stores no copy of it.
   */
  private async insertRuns(records: string[]): Promise<void> {
    await this.db.sql.execute(
      `INSERT INTO run (id, graph_id, graph_version_id, endpoint_id, api_key_prefix, source, status, spec_hash, spec, input, started_at)
       SELECT r.id, r.graph_id, r.graph_version_id, r.endpoint_id, r.api_key_prefix, r.source, r.status::run_status, r.spec_hash,
              CASE WHEN r.spec_hash = (SELECT v.spec_hash FROM graph_version v WHERE v.id = r.graph_version_id) THEN NULL ELSE r.spec END,
              r.input, CASE WHEN r.status = 'running' THEN now() END
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, graph_id uuid, graph_version_id uuid, endpoint_id uuid, api_key_prefix text, source text, status text, spec_hash text, spec jsonb, input jsonb)`,
      [`[${records.join(',')}]`],
    );
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

  /**
   * Marks the run finished in the same statement that writes the buffered NodeRun rows and artifacts
   * (the run is never final without its trace). Runs that finish while a write is in flight are
   * finished together by the next one (group-commit.ts).
   */
  async finishRun(runId: string, status: RunStatus, result: { output?: Record<string, unknown>; error?: RunError; timings?: Record<string, unknown> }): Promise<void> {
    const record = finishRecord(runId, status, result);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.finishes.submit(record);
      } catch (error) {
        if (attempt >= TRACE_RETRY_MS.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, TRACE_RETRY_MS[attempt]));
      }
    }
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
    const [row] = await this.db.sql.query<{ data: Artifact }>('SELECT data FROM run_artifact WHERE run_id = $1 AND node_id = $2', [runId, nodeId]);
    return row?.data;
  }

  recordNode(row: NodeRunRow): void {
    this.nodeRows.push(row);
    this.scheduleFlush();
  }

  saveArtifact(runId: string, nodeId: string, data: Artifact): void {
    if (jsonBytesLowerBound(data, MAX_ARTIFACT_BYTES) > MAX_ARTIFACT_BYTES) return; // certainly over: not serialised only to be dropped
    const json = storableJson(data);
    const sizeBytes = Buffer.byteLength(json);
    if (sizeBytes > MAX_ARTIFACT_BYTES) return;
    this.artifacts.push({ runId, nodeId, json, sizeBytes });
    this.scheduleFlush();
  }

  /** Writes everything buffered (after the write in flight, if any). */
  flush(): Promise<void> {
    return this.finishes.flush();
  }

  /** Takes the buffered NodeRun rows and artifacts and writes them with the finished runs. */
  private writeBuffered(finishes: string[]): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.nodeRows;
    const artifacts = this.artifacts;
    this.nodeRows = [];
    this.artifacts = [];
    return this.write(rows, artifacts, finishes).then(
      () => {
        this.failedWrites = 0;
      },
      (error: unknown) => {
        this.keepForRetry(rows, artifacts);
        throw error;
      },
    );
  }

  /** Puts a failed write's rows back, ahead of newer ones, and tries again later; gives up after the last try. */
  private keepForRetry(rows: NodeRunRow[], artifacts: typeof this.artifacts): void {
    const delay = TRACE_RETRY_MS[this.failedWrites];
    if (delay === undefined) {
      this.failedWrites = 0;
      log.error(`[runner] gave up writing ${rows.length} node run rows and ${artifacts.length} outputs after ${TRACE_RETRY_MS.length + 1} tries`);
      return;
    }
    this.failedWrites++;
    this.nodeRows = [...rows, ...this.nodeRows];
    this.artifacts = [...artifacts, ...this.artifacts];
    this.scheduleFlush(delay);
  }

  private scheduleFlush(delayMs = 25): void {
    if (this.timer && delayMs > 25) clearTimeout(this.timer); // a retry's wait replaces the usual short one
    else if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => log.error('[runner] could not write traces:', error));
    }, delayMs);
  }

  /**
   * One statement for everything buffered: each table's rows travel as one JSON array and are
   * inserted by a data-modifying CTE; the finished runs' update, if any, is the statement's main part.
   */
  private async write(rows: NodeRunRow[], artifacts: typeof this.artifacts, finishes: string[]): Promise<void> {
    const params: unknown[] = [];
    const parts: string[] = [];
    if (rows.length) {
      params.push(storableJson(rows.map(nodeRunRecord)));
      parts.push(
        `INSERT INTO node_run (id, run_id, node_id, node_type, attempt, status, device, worker, batch_size, queued_at, started_at, finished_at, input_preview, output_preview, metrics, error_code, error_message)
         SELECT id, run_id, node_id, node_type, attempt, status, device, worker, batch_size, queued_at, started_at, finished_at, input_preview, output_preview, metrics, error_code, error_message
         FROM jsonb_to_recordset($${params.length}::jsonb) AS x(id uuid, run_id uuid, node_id text, node_type text, attempt int, status text, device text, worker text, batch_size int,
           queued_at timestamptz, started_at timestamptz, finished_at timestamptz, input_preview jsonb, output_preview jsonb, metrics jsonb, error_code text, error_message text)
         ON CONFLICT (run_id, node_id, attempt) DO NOTHING`,
      );
    }
    if (artifacts.length) {
      // the array is assembled from the already-serialised outputs instead of serialising them again
      params.push(`[${artifacts.map((a) => `{"run_id":${JSON.stringify(a.runId)},"node_id":${JSON.stringify(a.nodeId)},"size_bytes":${a.sizeBytes},"data":${a.json}}`).join(',')}]`);
      parts.push(
        `INSERT INTO run_artifact (run_id, node_id, data, size_bytes)
         SELECT run_id, node_id, data, size_bytes FROM jsonb_to_recordset($${params.length}::jsonb) AS x(run_id uuid, node_id text, data jsonb, size_bytes int)
         ON CONFLICT (run_id, node_id) DO NOTHING`,
      );
    }
    if (finishes.length) {
      params.push(`[${finishes.join(',')}]`);
      parts.push(
        `UPDATE run SET status = f.status::run_status, finished_at = now(), output = f.output, error = f.error, timings = f.timings
         FROM jsonb_to_recordset($${params.length}::jsonb) AS f(id uuid, status text, output jsonb, error jsonb, timings jsonb)
         WHERE run.id = f.id AND run.status IN ('queued', 'running')`,
      );
    }
    const main = parts.pop();
    if (main === undefined) return;
    const ctes = parts.map((part, i) => `w${i} AS (${part})`);
    await this.db.sql.execute(ctes.length ? `WITH ${ctes.join(',\n')}\n${main}` : main, params);
  }
}

function finishRecord(runId: string, status: RunStatus, result: { output?: Record<string, unknown>; error?: RunError; timings?: Record<string, unknown> }): string {
  return storableJson({ id: runId, status, output: result.output ?? null, error: result.error ?? null, timings: result.timings ?? null });
}

function nodeRunRecord(r: NodeRunRow) {
  return {
    id: randomUUID(),
    run_id: r.runId,
    node_id: r.nodeId,
    node_type: r.nodeType,
    attempt: r.attempt,
    status: r.status,
    device: r.device ?? null,
    worker: r.worker ?? null,
    batch_size: r.batchSize ?? null,
    queued_at: r.queuedAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
    input_preview: r.inputPreview ?? null,
    output_preview: r.outputPreview ?? null,
    metrics: r.metrics ?? null,
    error_code: r.errorCode ?? null,
    error_message: r.errorMessage ?? null,
  };
}
