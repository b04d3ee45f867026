interface Waiter<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /**
   * Buffered work the writer carries besides the submitted items (rows written behind): `flush` writes
   * when this says so even with no item pending.
   */
  hasOtherWork?: () => boolean;
  /**
   * When a write of several items fails, write them again one at a time, so that one bad item fails
   * alone instead of taking the others with it.
   */
  isolateFailures?: boolean;
}

/**
 * Group commit, as databases do it for their log: one write is in flight at a time, and whatever is
 * submitted meanwhile goes together in the next one. Under load that is one round trip and one commit
 * for many callers instead of a queue of single writes each waiting for the one before; alone, a
 * caller waits for nothing. Each caller's promise settles with the outcome of the write that held
 * its item.
 */
export class GroupCommit<T> {
  private pending: Waiter<T>[] = [];
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions = {},
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.flush().catch(() => undefined); // the caller learns the outcome through its own promise
    });
  }

  /** Writes what is pending once the write in flight is done; rejects only with this write's own error. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.pending.length === 0 && !this.options.hasOtherWork?.()) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = this.writeBatch(batch).finally(() => (this.inFlight = undefined));
    await this.inFlight;
  }

  private async writeBatch(batch: Waiter<T>[]): Promise<void> {
    try {
      await this.write(batch.map((waiter) => waiter.item));
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      if (!this.options.isolateFailures || batch.length < 2) {
        for (const waiter of batch) waiter.reject(error);
        throw error;
      }
      for (const waiter of batch) await this.write([waiter.item]).then(waiter.resolve, waiter.reject);
    }
  }
}
