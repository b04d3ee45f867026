import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NodeEvent } from '../nodes/core/context';
import { NodeError, type NodeErrorCode } from '../nodes/core/errors';
import { keepOnnxTelemetryOff } from '../nodes/models/onnx-telemetry';
import type { ThreadAbort, ThreadJob, ThreadReply } from './thread-entry';

/**
 * A pool of worker threads (one per core) for executors that declare `resources.threaded`: CPU-bound
 * JavaScript work (word-vector embedding, lexical reranking, document parsing and OCR) then runs on
 * every core while the main thread keeps serving requests and orchestrating runs.
 */
export class ThreadPool {
  private readonly threads: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, { thread: Worker; resolve(r: ThreadReply): void; reject(e: Error): void }>();
  private nextId = 1;

  /** `env`: the threads' environment when it differs from this process's (a model's copy count) */
  constructor(
    readonly size = Math.max(1, availableParallelism()),
    private readonly env?: Record<string, string | undefined>,
  ) {}

  /** threads started so far (a pool starts them as concurrent work needs them) */
  get started(): number {
    return this.threads.length;
  }

  get idle(): number {
    return this.threads.length < this.size ? this.size - this.threads.length : this.threads.filter((t) => t.busy === 0).length;
  }

  /**
   * Runs a job on a thread; `onEvents` gets the events each item emitted there, whether it succeeded
   * or failed. When `signal` fires, the thread is told to stop the job (its items' ctx.signal fires).
   */
  async run(
    job: Omit<ThreadJob, 'id'>,
    onEvents?: (events: NodeEvent[][]) => void,
    signal?: AbortSignal,
  ): Promise<{ outputs: Record<string, unknown>[]; metrics: Record<string, unknown>[]; coldStart: boolean }> {
    const thread = this.pick();
    const id = this.nextId++;
    const stop = () => thread.worker.postMessage({ abort: id } satisfies ThreadAbort);
    if (thread.busy++ === 0) thread.worker.ref(); // a thread at work keeps the process alive until it answers
    try {
      const reply = await new Promise<ThreadReply>((resolve, reject) => {
        this.pending.set(id, { thread: thread.worker, resolve, reject });
        thread.worker.postMessage({ ...job, id } satisfies ThreadJob);
        if (signal?.aborted) stop();
        else signal?.addEventListener('abort', stop, { once: true });
      });
      onEvents?.(reply.events);
      if (!reply.ok) {
        const { error } = reply;
        if (error.name === 'NodeError' && error.code) throw new NodeError(error.code as NodeErrorCode, error.message, { retryable: error.retryable });
        throw new Error(error.message);
      }
      return { outputs: reply.outputs, metrics: reply.metrics, coldStart: reply.coldStart };
    } finally {
      signal?.removeEventListener('abort', stop);
      this.pending.delete(id);
      if (--thread.busy === 0) thread.worker.unref();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads.length = 0;
  }

  private pick() {
    if (this.threads.length < this.size && this.threads.every((t) => t.busy > 0)) return this.spawn();
    return this.threads.reduce((a, b) => (b.busy < a.busy ? b : a), this.threads[0] ?? this.spawn());
  }

  private spawn() {
    keepOnnxTelemetryOff(); // a thread may load onnxruntime, and cannot switch it off itself
    const worker = new Worker(new URL('./thread-bootstrap.mjs', import.meta.url), this.env ? { env: this.env } : undefined);
    const thread = { worker, busy: 0 };
    worker.on('message', (reply: ThreadReply) => this.pending.get(reply.id)?.resolve(reply));
    worker.on('error', (error) => {
      for (const p of this.pending.values()) if (p.thread === worker) p.reject(new NodeError('INTERNAL', `a model thread crashed: ${error.message}`));
      this.threads.splice(this.threads.indexOf(thread), 1);
    });
    // an idle thread must not keep the process alive (a CLI ends when its work does); unref after
    // the listeners, which would otherwise ref the thread's port again
    worker.unref();
    this.threads.push(thread);
    return thread;
  }
}
