import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import { loadOnnxTextModel, runEncoder } from '../../models/onnx-text-model';

/**
 * An ONNX sequence classifier (Hugging Face export: model.onnx with a logits [batch, labels] output,
 * tokenizer.json, labels from config.json id2label or labels.txt / labels.json). Used by the guardrail
 * (toxicity, injection classifiers) and the router (intent classifiers). The session stays warm on
 * the context's device through ctx.models.
 */
export interface ClassifierOptions {
  modelDir: string;
  maxLength: number;
  activation: 'auto' | 'softmax' | 'sigmoid';
}

export interface Classification {
  /** probability per label, in the model's label order */
  probabilities: Record<string, number>;
  /** the most probable label */
  top: { label: string; probability: number };
}

interface LabelInfo {
  labels: string[];
  multiLabel: boolean;
}

export async function classifyTexts(ctx: NodeContext, texts: readonly string[], options: ClassifierOptions): Promise<Classification[]> {
  if (!options.modelDir.trim()) throw new NodeError('INVALID_CONFIG', 'set the classifier model directory');
  const modelDir = resolve(options.modelDir);
  const [model, info] = await Promise.all([
    loadOnnxTextModel(ctx.models, { modelDir, device: ctx.device }),
    ctx.models.get(`classifier-labels:${modelDir}`, () => readLabels(modelDir)),
  ]);
  const output = model.session.outputNames.includes('logits') ? 'logits' : undefined; // HF exports name it logits
  const { data, dims } = await runEncoder(model, model.tokenizer.encode(texts, options.maxLength), output);
  const width = dims[dims.length - 1] ?? 0;
  if (dims.length !== 2 || width !== info.labels.length) {
    throw new NodeError('MODEL_UNAVAILABLE', `classifier in ${modelDir} outputs logits of shape [${dims.join(', ')}] but has ${info.labels.length} labels`);
  }
  const sigmoid = options.activation === 'sigmoid' || (options.activation === 'auto' && info.multiLabel);
  return texts.map((_, row) => {
    const logits = Array.from(data.subarray(row * width, (row + 1) * width));
    const probs = sigmoid ? logits.map((x) => 1 / (1 + Math.exp(-x))) : softmax(logits);
    const probabilities = Object.fromEntries(info.labels.map((label, i) => [label, probs[i]!]));
    let best = 0;
    probs.forEach((p, i) => {
      if (p > probs[best]!) best = i;
    });
    return { probabilities, top: { label: info.labels[best]!, probability: probs[best]! } };
  });
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

async function readLabels(dir: string): Promise<LabelInfo> {
  const config = await readOptional(join(dir, 'config.json'));
  if (config !== undefined) {
    let parsed: { id2label?: Record<string, string>; problem_type?: string };
    try {
      parsed = JSON.parse(config) as typeof parsed;
    } catch (error) {
      throw new NodeError('MODEL_UNAVAILABLE', `${join(dir, 'config.json')} is not valid JSON: ${(error as Error).message}`);
    }
    if (parsed.id2label && Object.keys(parsed.id2label).length > 0) {
      const labels = Object.entries(parsed.id2label)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, label]) => label);
      return { labels, multiLabel: parsed.problem_type === 'multi_label_classification' };
    }
  }
  const json = await readOptional(join(dir, 'labels.json'));
  if (json !== undefined) {
    const labels = JSON.parse(json) as unknown;
    if (Array.isArray(labels) && labels.every((l) => typeof l === 'string')) return { labels, multiLabel: false };
    throw new NodeError('MODEL_UNAVAILABLE', `${join(dir, 'labels.json')} must be a JSON array of label names`);
  }
  const text = await readOptional(join(dir, 'labels.txt'));
  if (text !== undefined) return { labels: text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean), multiLabel: false };
  throw new NodeError('MODEL_UNAVAILABLE', `no labels for the classifier in ${dir}: add config.json with id2label, labels.json or labels.txt`);
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new NodeError('MODEL_UNAVAILABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}
