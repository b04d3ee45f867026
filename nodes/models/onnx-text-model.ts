import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelHost } from '../core/context';
import { NodeError } from '../core/errors';
import { floatOutput, int64Tensor, loadOrt, openSession, type OnnxSession, type OrtModule } from './onnx-session';
import { loadTokenizer, type EncodedBatch, type TextTokenizer } from './tokenizer';

/**
 * A transformer-style ONNX model with its tokenizer, loaded once per (directory, file, device) and kept
 * warm by the ModelHost. Embedders, cross-encoders and classifiers all run through `runEncoder`.
 */
export interface OnnxTextModel {
  key: string;
  dir: string;
  device: string;
  session: OnnxSession;
  tokenizer: TextTokenizer;
  ort: OrtModule;
}

export interface OnnxTextModelOptions {
  modelDir: string;
  /** file name inside modelDir (default model.onnx) */
  modelFile?: string;
  device: string;
}

export function onnxModelKey(options: OnnxTextModelOptions): string {
  return `onnx:${resolve(options.modelDir)}/${options.modelFile ?? 'model.onnx'}@${options.device}`;
}

export function loadOnnxTextModel(models: ModelHost, options: OnnxTextModelOptions, memoryMB?: number): Promise<OnnxTextModel> {
  const key = onnxModelKey(options);
  return models.get(
    key,
    async () => {
      const dir = resolve(options.modelDir);
      if (!existsSync(dir)) {
        throw new NodeError('MODEL_UNAVAILABLE', `model directory not found: ${dir} (it should hold ${options.modelFile ?? 'model.onnx'} and tokenizer.json)`);
      }
      const [tokenizer, session, ort] = await Promise.all([
        loadTokenizer(dir),
        openSession(join(dir, options.modelFile ?? 'model.onnx'), options.device),
        loadOrt(),
      ]);
      return { key, dir, device: options.device, session, tokenizer, ort };
    },
    { memoryMB, dispose: (model) => model.session.release() },
  );
}

/** Runs the model on an encoded batch; feeds only the inputs the model declares (not every export takes token_type_ids). */
export async function runEncoder(
  model: OnnxTextModel,
  batch: EncodedBatch,
  outputName?: string,
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const shape = [batch.batchSize, batch.seqLength];
  const available: Record<string, BigInt64Array> = {
    input_ids: batch.inputIds,
    attention_mask: batch.attentionMask,
    token_type_ids: batch.tokenTypeIds,
  };
  const feeds: Record<string, ReturnType<typeof int64Tensor>> = {};
  for (const name of model.session.inputNames) {
    const data = available[name];
    if (!data) {
      throw new NodeError('MODEL_UNAVAILABLE', `model in ${model.dir} needs an input "${name}"; supported inputs are input_ids, attention_mask and token_type_ids`);
    }
    feeds[name] = int64Tensor(model.ort, data, shape);
  }
  if (outputName && !model.session.outputNames.includes(outputName)) {
    throw new NodeError('INVALID_CONFIG', `model in ${model.dir} has no output "${outputName}" (it has ${model.session.outputNames.join(', ')})`);
  }
  let outputs;
  try {
    outputs = await model.session.run(feeds);
  } catch (error) {
    throw new NodeError('INTERNAL', `ONNX model in ${model.dir} failed to run: ${(error as Error).message}`, { cause: error });
  }
  return floatOutput(outputs, outputName);
}
