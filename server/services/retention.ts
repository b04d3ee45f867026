import type { Db } from '../db/client';
import { log } from '../log';
import { repeatInBackground } from './background';

/**
 * How long finished runs keep their weight in the database. Every endpoint call is a run: at a few
 * hundred calls a second, a run's full node outputs (RunArtifact: retrieved passages, vectors, answers;
 * tens of KB per call) grow the database by gigabytes a day. So a finished run's artifacts go after
 * `artifactDays` (its Run and NodeRun rows stay: status, timings, previews, errors remain in the run
 * history), and whole finished runs go after `runDays` when that is set. Unfinished runs are never
 * touched: their artifacts are what a resumed run continues from.
 */
export interface RetentionPolicy {
  /** delete finished runs (with their NodeRun rows and artifacts) created this many days ago; null = keep */
  runDays: number | null;
  /** delete the node outputs of finished runs stored this many days ago; null = keep */
  artifactDays: number | null;
}

export interface PruneResult {
  runs: number;
  artifacts: number;
}

const FINISHED = `status IN ('succeeded', 'failed', 'cancelled')`;

/** Deletes in batches of `batch` rows, so no statement holds locks for long on a big history. */
export async function pruneRuns(db: Db, policy: RetentionPolicy, options: { now?: Date; batch?: number } = {}): Promise<PruneResult> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 1000;
  const result: PruneResult = { runs: 0, artifacts: 0 };
  if (policy.runDays !== null) {
    const before = daysBefore(now, policy.runDays);
    for (;;) {
      const deleted = await db.sql.query<{ id: string }>(
        `DELETE FROM run WHERE id IN (SELECT id FROM run WHERE created_at < $1 AND ${FINISHED} ORDER BY created_at LIMIT $2) RETURNING id`,
        [before, batch],
      );
      result.runs += deleted.length;
      if (deleted.length < batch) break;
    }
  }
  if (policy.artifactDays !== null) {
    const before = daysBefore(now, policy.artifactDays);
    for (;;) {
      const deleted = await db.sql.query<{ run_id: string }>(
        // by the output's own age (indexed): a pass reads the outputs it deletes, not every old run
        `DELETE FROM run_artifact WHERE (run_id, node_id) IN (
           SELECT a.run_id, a.node_id FROM run_artifact a JOIN run r ON r.id = a.run_id
           WHERE a.created_at < $1 AND r.${FINISHED} ORDER BY a.created_at LIMIT $2
         ) RETURNING run_id`,
        [before, batch],
      );
      result.artifacts += deleted.length;
      if (deleted.length < batch) break;
    }
  }
  return result;
}

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * Prunes once shortly after start and then every `everyMs` (hourly), in the background: the timer does
 * not keep the process alive, and a failed pass is logged and tried again next time.
 */
export function scheduleRetention(db: Db, policy: RetentionPolicy, options: { everyMs?: number; firstAfterMs?: number } = {}): () => void {
  if (policy.runDays === null && policy.artifactDays === null) return () => undefined;
  return repeatInBackground(
    'retention',
    async () => {
      const pruned = await pruneRuns(db, policy);
      if (pruned.runs || pruned.artifacts) log.info(`[retention] deleted ${pruned.runs} finished runs and ${pruned.artifacts} stored node outputs past their retention`);
    },
    { everyMs: options.everyMs ?? 3_600_000, firstAfterMs: options.firstAfterMs ?? 60_000 },
  );
}
