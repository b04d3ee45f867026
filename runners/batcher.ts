import { NodeError } from '../nodes/core/errors';
import { BatchTimeFit } from './batch-fit';

/**
 * Adaptive batcher for one (model, device): requests from concurrent runs queue here and run as one
 * batch. One batch is in flight at a time (a model on a device is saturated by one batch; a CPU
 * thread pool allows one per thread, a model kept in several copies one per copy), so requests
 * arriving meanwhile accumulate. When the model is idle the dispatcher decides between
 * running what is queued now and waiting for more, as BentoML's does:
 *
 * - it keeps a fit of batch time ≈ a·n + b and an estimate τ of the time between arrivals (at least
 *   the time since the last one, so it stops waiting once arrivals stop);
 * - waiting τ for one more request costs each of the n queued requests τ, and saves the newcomer the
 *   fixed cost b of a batch of its own: wait only while n·τ < b;
 * - never wait past what `maxLatencyMs` allows the oldest request, nor beyond `maxBatchSize`, nor
 *   beyond a request's own `limit` (the size of one model call of its node): a request's result
 *   then never waits for model calls on other requests' texts.
 *
 * A request still queued at its deadline fails with DEADLINE_EXCEEDED instead of waiting forever.
 */
export interface BatcherOptions<I, O> {
  name: string;
  maxBatchSize: number;
  maxLatencyMs: number;
  run(items: I[]): Promise<BatchRun<O>>;
  /** false runs every request on its own, immediately (the benchmark's baseline). */
  enabled?: boolean;
  /** batches allowed to run at once: 1 for a model on one device, more for a pool of CPU threads or copies of a model (a burst is then split evenly across them) */
  maxInFlight?: number;
  /**
   * The model runs batches in the order it receives them (its own thread, a GPU stream): a full batch
   * may then be sent while the slots are busy, one at most, so it starts the moment the running batch
   * ends instead of a round trip later.
   */
  sendAhead?: boolean;
}

/** A batch's outputs, in its items' order. */
export interface BatchRun<O> {
  outputs: O[];
  /**
   * A model was loaded while the batch ran (its first use on that thread or device): its time is not
   * a sample of batch time. Loading GloVe takes seconds; counted, that one batch would pass for a
   * fixed cost of seconds per batch in the fit until 64 batches had gone by.
   */
  coldStart?: boolean;
}

export interface BatchOutcome<O> {
  output: O;
  batchSize: number;
  queueWaitMs: number;
}

export interface BatchRecord {
  at: number;
  size: number;
  weight: number;
  ms: number;
  maxWaitMs: number;
  /** it loaded a model, so the fit left it out */
  coldStart: boolean;
}

interface Pending<I, O> {
  item: I;
  weight: number;
  /** the largest batch this request may join (its node's model batch size) */
  limit: number;
  /** how long its inputs are, when the model pads each call to its longest row */
  length?: number;
  enqueuedAt: number;
  deadline: number;
  resolve(outcome: BatchOutcome<O>): void;
  reject(error: unknown): void;
  timer?: ReturnType<typeof setTimeout>;
}

export class AdaptiveBatcher<I, O> {
  readonly fit = new BatchTimeFit();
  /** recent batches, for traces and the workers page */
  readonly history: BatchRecord[] = [];
  private readonly queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private lastArrival = 0;
  private interArrivalMs = 0;
  private turnPending = false;
  /** when the last batch settled: a batch sent ahead starts on the model then, not when it was sent */
  private lastSettledAt = 0;

  constructor(private readonly options: BatcherOptions<I, O>) {}

  get queued(): number {
    return this.queue.length;
  }

  submit(item: I, weight: number, deadline: number, limit = Number.POSITIVE_INFINITY, length?: number): Promise<BatchOutcome<O>> {
    const now = performance.now();
    if (this.lastArrival > 0) {
      const gap = now - this.lastArrival;
      this.interArrivalMs = this.interArrivalMs === 0 ? gap : 0.8 * this.interArrivalMs + 0.2 * gap;
    }
    this.lastArrival = now;
    if (this.options.enabled === false) return this.runAlone(item, now);
    return new Promise<BatchOutcome<O>>((resolve, reject) => {
      const pending: Pending<I, O> = { item, weight: Math.max(1, weight), limit: Math.max(1, limit), length, enqueuedAt: now, deadline, resolve, reject };
      pending.timer = setTimeout(() => this.expire(pending), Math.max(0, deadline - now));
      this.queue.push(pending);
      this.scheduleAfterThisTurn();
    });
  }

  /**
   * Requests submitted in the same event-loop turn (a burst of runs reaching the node together) are
   * all queued before the dispatcher decides, as DataLoader coalesces loads: deciding on the first
   * arrival alone would send it as a batch of one while the rest of the burst is a microsecond away.
   */
  private scheduleAfterThisTurn(): void {
    if (this.turnPending) return;
    this.turnPending = true;
    setImmediate(() => {
      this.turnPending = false;
      this.schedule();
    });
  }

  private async runAlone(item: I, enqueuedAt: number): Promise<BatchOutcome<O>> {
    const {
      outputs: [output],
    } = await this.options.run([item]);
    return { output: output as O, batchSize: 1, queueWaitMs: performance.now() - enqueuedAt };
  }

  /**
   * A merged batch failed: each of its requests runs again alone, one after another, and only those
   * that fail alone fail. One run's bad input then fails that run, not the runs it was merged with;
   * a broken model still fails them all, each with its own error. The batch's slot is held meanwhile.
   */
  private async isolate(batch: Pending<I, O>[]): Promise<void> {
    for (const pending of batch) {
      await this.runAlone(pending.item, pending.enqueuedAt).then(
        (outcome) => pending.resolve(outcome),
        (error: unknown) => pending.reject(error),
      );
    }
  }

  private expire(pending: Pending<I, O>): void {
    const index = this.queue.indexOf(pending);
    if (index < 0) return; // already dispatched: the node's own timeout covers it
    this.queue.splice(index, 1);
    const waited = Math.round(performance.now() - pending.enqueuedAt);
    pending.reject(
      new NodeError('DEADLINE_EXCEEDED', `${this.options.name}: waited ${waited} ms for a batch slot and passed its deadline (the model is overloaded; add workers or raise the timeout)`),
    );
  }

  private schedule(): void {
    if (this.queue.length === 0) return;
    if (this.inFlight >= (this.options.maxInFlight ?? 1)) {
      this.sendAheadIfFull();
      return;
    }
    clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    const now = performance.now();
    const { maxLatencyMs } = this.options;
    const maxBatchSize = Math.min(this.options.maxBatchSize, this.queue[0]!.limit);
    const weight = this.queuedWeight(maxBatchSize);
    const oldestWait = now - this.queue[0]!.enqueuedAt;
    // when arrivals have stopped, the time since the last one is the better estimate of the next gap
    const tau = Math.max(this.interArrivalMs, now - this.lastArrival);
    const budget = maxLatencyMs - oldestWait - this.fit.predict(weight + 1);
    const full = weight >= maxBatchSize;
    const notWorthWaiting = this.queue.length * tau >= this.fit.b || this.interArrivalMs === 0;
    if (full || notWorthWaiting || budget <= 0) {
      // With several free slots (a pool of CPU threads) the queue is shared out evenly, so every
      // thread works instead of one running everything while the others idle.
      const free = (this.options.maxInFlight ?? 1) - this.inFlight;
      const queued = this.queue.reduce((sum, p) => sum + p.weight, 0);
      const share = Math.min(maxBatchSize, Math.ceil(queued / free));
      const leavingNow = Math.min(queued, free * share);
      this.groupByLength(leavingNow + (this.options.sendAhead && queued - leavingNow >= maxBatchSize ? maxBatchSize : 0));
      for (let slot = 0; slot < free && this.queue.length > 0; slot++) this.dispatch(share);
      this.sendAheadIfFull();
      return;
    }
    this.waitTimer = setTimeout(() => this.schedule(), Math.max(1, Math.min(tau, budget)));
  }

  /**
   * With every slot busy, a batch that is already full goes to the model now (waiting could not make
   * it bigger): under a steady load the model then never idles between batches. Partial batches stay
   * here, where later arrivals can still join them.
   */
  private sendAheadIfFull(): void {
    if (!this.options.sendAhead || this.inFlight !== (this.options.maxInFlight ?? 1) || this.queue.length === 0) return;
    const limit = Math.min(this.options.maxBatchSize, this.queue[0]!.limit);
    if (this.queuedWeight(limit) >= limit) this.dispatch(limit);
  }

  /**
   * Requests that leave now in more than one batch are ordered by length first (TEI's length
   * buckets do the same), so each batch holds requests of similar length: a model pads every call
   * to its longest row, and 64 SciFact queries cut in arrival order into two batches of 32 make the
   * model work through 1.85 times their tokens, against 1.46 times when sorted. Only requests
   * leaving together are reordered: none waits longer for another's sake. A queue mixing requests'
   * own limits stays in arrival order.
   */
  private groupByLength(leavingWeight: number): void {
    let count = 0;
    let weight = 0;
    while (count < this.queue.length && weight + this.queue[count]!.weight <= leavingWeight) weight += this.queue[count++]!.weight;
    const leaving = this.queue.slice(0, count);
    // one batch's worth needs no order: the model call sorts its own rows
    if (weight <= Math.min(this.options.maxBatchSize, leaving[0]?.limit ?? 0)) return;
    if (leaving.some((p) => p.length === undefined || p.limit !== leaving[0]!.limit)) return;
    leaving.sort((a, b) => a.length! - b.length!);
    this.queue.splice(0, count, ...leaving);
  }

  private queuedWeight(limit: number): number {
    let total = 0;
    for (const p of this.queue) {
      if (total + p.weight > Math.min(limit, p.limit) && total > 0) break;
      total += p.weight;
    }
    return total;
  }

  private dispatch(limit: number): void {
    const batch: Pending<I, O>[] = [];
    let weight = 0;
    while (this.queue.length) {
      const next = this.queue[0]!;
      if (batch.length > 0 && weight + next.weight > Math.min(limit, next.limit)) break;
      this.queue.shift();
      clearTimeout(next.timer);
      batch.push(next);
      weight += next.weight;
    }
    this.inFlight++;
    const started = performance.now();
    const maxWaitMs = Math.max(...batch.map((p) => started - p.enqueuedAt));
    // A batch that never settles must not wedge the model: past the latest deadline of its items
    // the batcher moves on (the items' own timeouts have failed them by then).
    const latest = Math.max(...batch.map((p) => p.deadline));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(guard);
      this.inFlight--;
      this.schedule();
    };
    const guard = setTimeout(release, Math.max(0, latest - started) + 1000);
    this.options
      .run(batch.map((p) => p.item))
      .then(
        ({ outputs, coldStart = false }) => {
          // a batch sent ahead waited at the model for the one before it: that is queue time, and
          // the fit of batch time must not count it
          const settled = performance.now();
          const onModel = this.options.sendAhead ? Math.max(started, this.lastSettledAt) : started;
          this.lastSettledAt = settled;
          const ms = settled - onModel;
          if (!coldStart) this.fit.add(weight, ms);
          this.history.push({ at: Date.now(), size: batch.length, weight, ms, maxWaitMs: maxWaitMs + (onModel - started), coldStart });
          if (this.history.length > 200) this.history.shift();
          batch.forEach((p, i) => p.resolve({ output: outputs[i] as O, batchSize: batch.length, queueWaitMs: onModel - p.enqueuedAt }));
        },
        (error: unknown) => {
          this.lastSettledAt = performance.now();
          if (batch.length === 1) return batch[0]!.reject(error);
          return this.isolate(batch);
        },
      )
      .finally(release);
  }
}
