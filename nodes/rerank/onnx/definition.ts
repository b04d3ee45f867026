import { z } from 'zod';
import { defineNode } from '../../core/define';
import { rerankOutputConfig } from '../shared/config';
import { RERANK_INPUTS, RERANK_OUTPUTS } from '../shared/ports';

export const rerankOnnxConfig = z.object({
  modelDir: z.string().min(1, 'set the model directory').describe('Directory holding the cross-encoder ONNX model and its tokenizer.json (e.g. an export of ms-marco-MiniLM or bge-reranker).'),
  modelFile: z.string().min(1).default('model.onnx').describe('Model file name inside the directory.'),
  maxLength: z.number().int().min(8).max(8192).default(512).describe('Longest (query, passage) pair in tokens; the longer side is truncated first.'),
  batchSize: z.number().int().min(1).max(1024).default(16).describe('Pairs per model call.'),
  activation: z.enum(['sigmoid', 'none']).default('sigmoid').describe('Turn logits into 0–1 relevance (sigmoid) or keep raw logits. Two-logit models use the softmax of the second.'),
  useParentText: z.boolean().default(false).describe('Score the parent passage (small-to-big retrieval) instead of the matched chunk.'),
  device: z.enum(['auto', 'cpu']).default('auto').describe('"auto" runs where the worker placed the node (a GPU when there is one); "cpu" forces the CPU.'),
  ...rerankOutputConfig,
});
export type RerankOnnxConfig = z.infer<typeof rerankOnnxConfig>;

export const rerankOnnx = defineNode({
  type: 'rerank.onnx',
  typeVersion: 1,
  title: 'Cross-encoder reranker (ONNX)',
  category: 'rerank',
  description: 'Scores each (query, passage) pair with a cross-encoder in ONNX format (bring your own export) and keeps the best N.',
  inputs: RERANK_INPUTS,
  outputs: RERANK_OUTPUTS,
  config: rerankOnnxConfig,
  resources: { device: 'gpu', memoryMB: 1024, ownThread: true }, // a GPU when a worker has one, else the CPU
  batch: { maxBatchSize: 256, maxLatencyMs: 10 },
  timeoutMs: 120_000,
});
