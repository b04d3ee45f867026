import { basename, resolve } from 'node:path';
import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { inLengthOrder } from '../../models/length-order';
import { loadOnnxTextModel, onnxModelKey, runEncoder } from '../../models/onnx-text-model';
import { l2normalize, pool, rows } from '../../models/pooling';
import { embedBatch, textCount, textLength, type EmbedInputs } from '../shared/embed-io';
import { embedOnnx } from './definition';

export const embedOnnxExecutor = defineExecutor(embedOnnx, {
  modelKey: (config) => onnxModelKey({ modelDir: config.modelDir, modelFile: config.modelFile, device: 'any' }),
  batchWeight: (inputs) => textCount(inputs as EmbedInputs),
  modelBatchSize: (config) => config.batchSize,
  batchLength: (inputs) => textLength(inputs as EmbedInputs),
  async executeBatch(items) {
    return embedBatch(items, {
      configOf: (item) => item.config,
      prefixes: (config) => ({ query: config.queryPrefix, passage: config.passagePrefix }),
      async embed(texts, config, { first: item, signal }) {
        const model = await loadOnnxTextModel(
          item.ctx.models,
          // the placement's device, which is the CPU for a config pinned there (runners/devices.ts wantedDevice)
          { modelDir: config.modelDir, modelFile: config.modelFile, device: item.ctx.device },
          embedOnnx.resources.memoryMB,
        );
        const modelId = config.modelId ?? basename(resolve(config.modelDir));
        // an empty request still reports dims, so it runs the model once on an empty text
        const inputs = texts.length ? texts : [''];
        // texts of similar length share a call, one call at a time: onnxruntime-node runs a session
        // synchronously on its thread (spreading each call over the cores), so running calls "side by
        // side" would only hold every tokenised call in memory at once
        const vectors = await inLengthOrder(inputs, (text) => text.length, config.batchSize, async (part) => {
          signal.throwIfAborted();
          const batch = model.tokenizer.encode(part, config.maxLength);
          const output = await runEncoder(model, batch, config.outputName);
          let pooled: Float32Array[];
          if (output.dims.length === 3) pooled = pool(output.data, output.dims, batch.attentionMask, config.pooling);
          else if (output.dims.length === 2) pooled = rows(output.data, output.dims);
          else {
            throw new NodeError('MODEL_UNAVAILABLE', `model in ${model.dir} returned an output of shape [${output.dims.join(', ')}]; an embedder needs [batch, seq, dim] or [batch, dim]`);
          }
          return config.normalize ? pooled.map(l2normalize) : pooled;
        });
        const dims = vectors[0]?.length ?? 0;
        return { model: modelId, dims, vectors: texts.length ? vectors : [] };
      },
    });
  },
});
