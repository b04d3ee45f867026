/** Percentiles, the machine and JSON output shared by the benchmarks. */
import { availableParallelism, cpus } from 'node:os';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The machine a figure was measured on: batching and runner overhead depend on its CPU above all. */
export function machine(): { cpu: string; cores: number; node: string } {
  return { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), node: process.version };
}
