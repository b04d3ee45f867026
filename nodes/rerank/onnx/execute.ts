import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { abortedWhenAll } from '../../models/abort';
import { inLengthOrder } from '../../models/length-order';
import { loadOnnxTextModel, onnxModelKey, runEncoder } from '../../models/onnx-text-model';
import { applyScores } from '../shared/reorder';
import { rerankOnnx } from './definition';

/** One relevance score per row of logits: [batch, 1] → logit, [batch, 2] → the "relevant" class. */
export function relevanceScores(data: Float32Array, dims: readonly number[], activation: 'sigmoid' | 'none'): number[] {
  const [batch, width] = dims.length === 1 ? [dims[0]!, 1] : [dims[0]!, dims[1]!];
  if (!(dims.length === 1 || (dims.length === 2 && (width === 1 || width === 2)))) {
    throw new NodeError('MODEL_UNAVAILABLE', `a cross-encoder must output logits [batch, 1] or [batch, 2]; this one gives [${dims.join(', ')}]`);
  }
  return Array.from({ length: batch }, (_, b) => {
    if (width === 2) {
      const [neg, pos] = [data[b * 2]!, data[b * 2 + 1]!];
      return activation === 'none' ? pos - neg : 1 / (1 + Math.exp(neg - pos));
    }
    const logit = data[b]!;
    return activation === 'none' ? logit : 1 / (1 + Math.exp(-logit));
  });
}

export const rerankOnnxExecutor = defineExecutor(rerankOnnx, {
  modelKey: (config) => onnxModelKey({ modelDir: config.modelDir, modelFile: config.modelFile, device: 'any' }),
  batchWeight: (inputs) => inputs.retrieved.items.length,
  modelBatchSize: (config) => config.batchSize,
  async executeBatch(items) {
    const results = new Array<{ retrieved: ReturnType<typeof applyScores> }>(items.length);
    // requests with the same config share model calls: all their pairs go through together
    const groups = new Map<string, number[]>();
    items.forEach((item, i) => groups.set(JSON.stringify(item.config), [...(groups.get(JSON.stringify(item.config)) ?? []), i]));
    for (const indexes of groups.values()) {
      const first = items[indexes[0]!]!;
      const config = first.config;
      const signal = abortedWhenAll(indexes.map((i) => items[i]!.ctx.signal));
      const model = await loadOnnxTextModel(
        first.ctx.models,
        // the placement's device, which is the CPU for a config pinned there (runners/devices.ts wantedDevice)
        { modelDir: config.modelDir, modelFile: config.modelFile, device: first.ctx.device },
        rerankOnnx.resources.memoryMB,
      );
      const pairs = indexes.flatMap((i) => {
        const { retrieved } = items[i]!.inputs;
        return retrieved.items.map((item) => [retrieved.query, config.useParentText ? (item.parentText ?? item.text) : item.text] as const);
      });
      // a call pads every pair to its longest: pairs of similar length go together
      const scores = await inLengthOrder(pairs, ([query, passage]) => query.length + passage.length, config.batchSize, async (part) => {
        signal.throwIfAborted();
        const output = await runEncoder(model, model.tokenizer.encodePairs(part, config.maxLength));
        return relevanceScores(output.data, output.dims, config.activation);
      });
      let offset = 0;
      for (const i of indexes) {
        const { retrieved } = items[i]!.inputs;
        const mine = scores.slice(offset, offset + retrieved.items.length);
        offset += retrieved.items.length;
        results[i] = { retrieved: applyScores(retrieved, mine, { topN: config.topN, bothEnds: config.bothEnds }) };
      }
    }
    return results;
  },
});
