/**
 * Least-squares fit of batch execution time ≈ a·n + b over recent batches (BentoML's dispatcher keeps
 * the same model of its runners). `b` is the fixed cost a batch pays whatever its size — the thing
 * batching amortises — and `a` the cost per item.
 */
export class BatchTimeFit {
  private readonly samples: { n: number; ms: number }[] = [];
  a = 0;
  b = 0;

  constructor(private readonly window = 64) {}

  get count(): number {
    return this.samples.length;
  }

  add(n: number, ms: number): void {
    this.samples.push({ n, ms });
    if (this.samples.length > this.window) this.samples.shift();
    this.refit();
  }

  /** expected milliseconds for a batch of n items */
  predict(n: number): number {
    return this.a * n + this.b;
  }

  private refit(): void {
    const k = this.samples.length;
    const meanN = this.samples.reduce((s, x) => s + x.n, 0) / k;
    const meanMs = this.samples.reduce((s, x) => s + x.ms, 0) / k;
    let cov = 0;
    let varN = 0;
    for (const { n, ms } of this.samples) {
      cov += (n - meanN) * (ms - meanMs);
      varN += (n - meanN) ** 2;
    }
    // With one batch size seen so far the slope is unknown: attribute the time to the fixed cost.
    const a = varN > 0 ? cov / varN : 0;
    this.a = Math.max(0, a);
    this.b = Math.max(0, meanMs - this.a * meanN);
  }
}
