import { readBeirQueries } from '../../cli/beir';
import { noDatabase } from '../../nodes/core/context';
import { parseDevices } from '../../runners/devices';
import { NodeHost, type ExecutionResult } from '../../runners/node-host';
import { scifactFile } from './scifact';

/**
 * What the embedding benchmarks (bench:batching, bench:spin) send and through what: SciFact's
 * queries as single-text requests to a CPU node host, the way concurrent runs reach an embedder.
 */
export function scifactQueries(): string[] {
  return [...readBeirQueries(scifactFile('queries.jsonl')).values()];
}

/** The words of some texts, the vocabulary the test-built encoders' tokenizers get. */
export function wordsOf(texts: readonly string[]): string[] {
  return texts.flatMap((t) => t.toLowerCase().match(/[a-z0-9]+/g) ?? []);
}

/** embed.onnx's config for a test-built encoder (mean-pooled, normalised; `batchSize` texts per model call). */
export function encoderConfig(dir: string, batchSize = 32) {
  return { modelDir: dir, modelFile: 'model.onnx', pooling: 'mean', normalize: true, maxLength: 64, batchSize, queryPrefix: '', passagePrefix: '', device: 'auto' };
}

export function benchHost(options: { batching?: boolean; modelReplicas?: number } = {}): NodeHost {
  return new NodeHost({ workerId: 'bench', devices: parseDevices('cpu'), sql: noDatabase('no database in this benchmark'), ...options });
}

/** One embedding request for `text`, as run `i` of a burst sends it. */
export function embedRequest(host: NodeHost, type: string, config: Record<string, unknown>, text: string, i: number): Promise<ExecutionResult> {
  return host.execute({ runId: `r${i}`, nodeId: 'embed', attempt: 1, type, typeVersion: 1, config, inputs: { query: { text } }, runInput: {}, timeoutMs: 120_000 });
}
