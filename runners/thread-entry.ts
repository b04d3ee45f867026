import { parentPort } from 'node:worker_threads';
import { noDatabase, type NodeContext, type NodeEvent } from '../nodes/core/context';
import { NodeError } from '../nodes/core/errors';
import { executorFor } from '../nodes/registry';
import { createModelHost, watchingLoads } from './model-host';

/**
 * A worker thread of the CPU pool: runs one batch of a threaded executor at a time (or, for an
 * executor without batches, its one item). It has its own warm models; there is no database here
 * (threaded executors promise not to need one). Events a node emits travel back with the reply.
 */
export interface ThreadJob {
  id: number;
  type: string;
  typeVersion: number;
  device: string;
  /**
   * Without the run's input: only the input nodes read it, in the process, and it may hold a large
   * upload's files (a 96 MB upload was copied to the thread with every embedding batch).
   */
  items: { runId: string; nodeId: string; attempt: number; inputs: Record<string, unknown>; inputFrom: NodeContext['inputFrom']; config: Record<string, unknown> }[];
}

export type ThreadReply =
  | { id: number; ok: true; outputs: Record<string, unknown>[]; metrics: Record<string, unknown>[]; events: NodeEvent[][]; coldStart: boolean }
  | { id: number; ok: false; error: { name: string; code?: string; message: string; retryable?: boolean }; events: NodeEvent[][] };

/** Stops a job: its items' `ctx.signal` fires (executors check it between files, pages, batches). */
export interface ThreadAbort {
  abort: number;
}

const models = createModelHost();
const noSql = noDatabase('a threaded node has no database access');
/** jobs in progress here, by id; a job yields at each await, so an abort arrives while it works */
const running = new Map<number, AbortController>();

parentPort!.on('message', async (message: ThreadJob | ThreadAbort) => {
  if ('abort' in message) {
    running.get(message.abort)?.abort(new NodeError('CANCELLED', 'the node was stopped (its run was cancelled or it timed out)'));
    return;
  }
  const job = message;
  const events = job.items.map((): NodeEvent[] => []);
  const controller = new AbortController();
  running.set(job.id, controller);
  try {
    const executor = executorFor(job.type, job.typeVersion);
    if (!executor?.executeBatch && !executor?.execute) throw new Error(`${job.type} v${job.typeVersion} has no executor in this thread`);
    const metrics = job.items.map(() => ({}) as Record<string, unknown>);
    const items = job.items.map((item, i) => ({
      ctx: {
        runId: item.runId,
        nodeId: item.nodeId,
        attempt: item.attempt,
        device: job.device,
        signal: controller.signal,
        sql: noSql,
        models,
        get runInput(): Record<string, unknown> {
          throw new NodeError('INTERNAL', `${job.type} reads the run's input, which is not sent to worker threads: take what it needs as an input port`);
        },
        inputFrom: item.inputFrom,
        setOutput: () => undefined,
        emit: (event: NodeEvent) => events[i]!.push(event),
        record: (m: Record<string, unknown>) => Object.assign(metrics[i]!, m),
      } satisfies NodeContext,
      inputs: item.inputs,
      config: item.config,
    }));
    const { value: outputs, coldStart } = await watchingLoads(models, async () =>
      executor.executeBatch
        ? ((await executor.executeBatch(items as never)) as Record<string, unknown>[])
        : await sequentially(items, (item) => executor.execute!(item.ctx, item.inputs as never, item.config as never) as Promise<Record<string, unknown>>),
    );
    parentPort!.postMessage({ id: job.id, ok: true, outputs, metrics, events, coldStart } satisfies ThreadReply);
  } catch (error) {
    const e = error as Error & { code?: string; retryable?: boolean };
    parentPort!.postMessage({ id: job.id, ok: false, error: { name: e.name, code: e.code, message: e.message, retryable: e.retryable }, events } satisfies ThreadReply);
  } finally {
    running.delete(job.id);
  }
});

async function sequentially<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await run(item));
  return out;
}
