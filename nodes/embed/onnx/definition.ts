import { z } from 'zod';
import { defineNode } from '../../core/define';
import { EMBED_INPUTS, EMBED_OUTPUTS } from '../shared/ports';

export const embedOnnxConfig = z.object({
  modelDir: z.string().min(1, 'set the model directory').describe('Directory holding the ONNX model and its Hugging Face tokenizer.json (e.g. an export of bge-small or all-MiniLM).'),
  modelFile: z.string().min(1).default('model.onnx').describe('Model file name inside the directory.'),
  modelId: z.string().max(200).optional().describe('Name recorded with the vectors (collections refuse vectors of another model); default: the directory name.'),
  pooling: z.enum(['mean', 'cls']).default('mean').describe('How token vectors become one vector: mean over real tokens (sentence-transformers) or the [CLS] token (bge).'),
  normalize: z.boolean().default(true).describe('L2-normalise vectors (needed for cosine search with most models).'),
  maxLength: z.number().int().min(8).max(8192).default(256).describe('Longest input in tokens, special tokens included; longer texts are truncated.'),
  batchSize: z.number().int().min(1).max(1024).default(32).describe('Texts per model call; larger is faster on GPUs, uses more memory.'),
  outputName: z.string().optional().describe('Model output to read (default: the first; token vectors [batch, seq, dim] are pooled, [batch, dim] used as is).'),
  queryPrefix: z.string().max(200).default('').describe('Prepended to queries, for models trained with instructions (e5: "query: ", bge: "Represent this sentence for searching relevant passages: ").'),
  passagePrefix: z.string().max(200).default('').describe('Prepended to chunk texts (e5: "passage: ").'),
  device: z.enum(['auto', 'cpu']).default('auto').describe('"auto" runs on the device the worker placed the node on (a GPU when there is one); "cpu" forces the CPU.'),
});
export type EmbedOnnxConfig = z.infer<typeof embedOnnxConfig>;

export const embedOnnx = defineNode({
  type: 'embed.onnx',
  typeVersion: 1,
  title: 'ONNX embedder',
  category: 'embed',
  description: 'Embeds chunks or a query with a transformer embedding model in ONNX format (bring your own export), on CPU or GPU.',
  inputs: EMBED_INPUTS,
  outputs: EMBED_OUTPUTS,
  config: embedOnnxConfig,
  resources: { device: 'gpu', memoryMB: 1024, ownThread: true }, // a GPU when a worker has one, else the CPU
  batch: { maxBatchSize: 256, maxLatencyMs: 10 },
  timeoutMs: 120_000,
});
