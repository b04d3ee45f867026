import { catalog } from '../../nodes/catalog';
import type { NodeExecution } from '../node-host';
import type { RunStore } from '../run-store';

/**
 * What a node task carries through Redis: the execution (runners/node-host.ts) minus what cannot or
 * should not travel — small input values go along, large ones and the run input are loaded by reference.
 */
export interface NodeJobData extends Pick<NodeExecution, 'runId' | 'nodeId' | 'attempt' | 'type' | 'typeVersion' | 'config' | 'inputs' | 'inputFrom' | 'timeoutMs'> {
  /** ports to load from the outputs stored by the nodes that produced them (large ones) */
  sources: Record<string, { node: string; port: string }[]>;
  /** entry nodes read the run's input (loaded from the database) */
  entry: boolean;
}

export const nodeJobId = (runId: string, nodeId: string, attempt: number) => `${runId}__${nodeId}__${attempt}`;

/** How long finished node jobs stay in Redis (the orchestrator reads a result as soon as it is there). */
export const NODE_JOB_RETENTION = { removeOnComplete: { age: 3600, count: 50_000 }, removeOnFail: { age: 24 * 3600 } };

/** Payloads up to this size travel through Redis; larger ones go through the database by reference. */
export const INLINE_LIMIT_BYTES = 256 * 1024;

/** A node's inputs: those sent along, plus those loaded from the stored outputs upstream. */
export async function loadJobInputs(store: RunStore, job: NodeJobData): Promise<Record<string, unknown>> {
  const definition = catalog.get(job.type, job.typeVersion);
  const cache = new Map<string, Promise<Record<string, unknown> | undefined>>();
  const outputsOf = (node: string) => {
    let p = cache.get(node);
    if (!p) {
      p = store.loadArtifact(job.runId, node).then((a) => a?.outputs);
      cache.set(node, p);
    }
    return p;
  };
  const inputs: Record<string, unknown> = { ...job.inputs };
  for (const [port, sources] of Object.entries(job.sources)) {
    const values = (await Promise.all(sources.map(async (s) => (await outputsOf(s.node))?.[s.port]))).filter((v) => v !== undefined);
    inputs[port] = definition?.inputs[port]?.multiple ? values : values[0];
  }
  return inputs;
}
