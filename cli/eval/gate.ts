/**
 * `rag eval`'s quality gate, for CI: `--min ndcg10=0.69` fails when a score is under a floor, and
 * `--max-drop 0.01` when a score fell by more than that since the nearest older version scored on the
 * same dataset and collection. The command still prints its scores, and exits 1.
 */
import { z } from 'zod';

export const GATE_METRICS = ['ndcg10', 'recall100', 'mrr10'] as const;
export type GateMetric = (typeof GATE_METRICS)[number];

export interface GateOptions {
  min: Partial<Record<GateMetric, number>>;
  maxDrop?: number;
}

export interface GateResult {
  passed: boolean;
  /** one line per broken rule, e.g. "ndcg10 0.652 is under 0.690" */
  failures: string[];
  /** the older version compared with, when --max-drop found one */
  comparedWith?: { version: number; metrics: Record<string, number> };
}

/** Parses `--min` values ("ndcg10=0.69"); throws with what to write instead. */
export function parseMinimums(values: readonly string[]): GateOptions['min'] {
  const min: GateOptions['min'] = {};
  for (const value of values) {
    const match = /^([a-z0-9]+)=([0-9]*\.?[0-9]+)$/.exec(value.trim());
    const metric = match?.[1] as GateMetric | undefined;
    if (!match || !metric || !GATE_METRICS.includes(metric)) throw new Error(`--min "${value}": write METRIC=VALUE with METRIC one of ${GATE_METRICS.join(', ')}, e.g. --min ndcg10=0.69`);
    min[metric] = Number(match[2]);
  }
  return min;
}

export function checkGate(scores: Record<GateMetric, number>, options: GateOptions, previous?: GateResult['comparedWith']): GateResult {
  const failures: string[] = [];
  for (const metric of GATE_METRICS) {
    const floor = options.min[metric];
    if (floor !== undefined && scores[metric] < floor) failures.push(`${metric} ${scores[metric].toFixed(4)} is under ${floor}`);
  }
  if (options.maxDrop !== undefined && previous) {
    for (const metric of GATE_METRICS) {
      const before = previous.metrics[metric];
      // the scores are stored to four decimals: a drop is measured on the same rounding
      if (before !== undefined && before - scores[metric] > options.maxDrop + 1e-9) {
        failures.push(`${metric} fell from ${before.toFixed(4)} (v${previous.version}) to ${scores[metric].toFixed(4)}, more than ${options.maxDrop}`);
      }
    }
  }
  return { passed: failures.length === 0, failures, ...(previous ? { comparedWith: previous } : {}) };
}

/** The gate's command-line options, shared by `rag eval` and `rag gate`. */
export const gateOptionArgs = {
  /** floors, METRIC=VALUE */
  min: z.array(z.string()).default([]),
  /** the largest drop allowed since the older version */
  maxDrop: z.coerce.number({ error: '--max-drop takes a number, e.g. 0.01' }).min(0, '--max-drop is at least 0').max(1, '--max-drop is at most 1').optional(),
};

/** Applies the gate and says on stderr what it decided (the result is printed on stdout by the command). */
export function gateAndReport(scores: Record<GateMetric, number>, options: GateOptions, previous?: GateResult['comparedWith']): GateResult {
  if (options.maxDrop !== undefined && !previous) process.stderr.write('--max-drop: no older version was scored on this dataset and collection, so there is nothing to compare with\n');
  const gate = checkGate(scores, options, previous);
  reportGate(gate);
  return gate;
}

export function reportGate(gate: GateResult): void {
  process.stderr.write(gate.passed ? 'gate: passed\n' : `gate: failed\n${gate.failures.map((f) => `  ${f}\n`).join('')}`);
}
