import { z } from 'zod';
import { defineNode } from '../../core/define';

export const semanticChunkConfig = z
  .object({
    breakpointPercentile: z
      .number()
      .min(50)
      .max(99.9)
      .default(90)
      .describe('Start a new chunk where the meaning shifts most: where the distance between neighbouring sentences is above this percentile of all such distances in the document.'),
    bufferSize: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(1)
      .describe('Extra sentences on each side of a candidate break that are compared as one block (0 = compare just the two neighbouring sentences); larger values smooth out short sentences.'),
    maxChunkSize: z.number().int().min(100).max(20_000).default(1500).describe('Largest chunk, in characters; longer groups are split at paragraphs and sentences.'),
    minChunkSize: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .default(150)
      .describe('Chunks shorter than this (characters) join a neighbour in the same section when the result still fits.'),
    respectSections: z.boolean().default(true).describe('Always break at headings and PDF pages (sections from the parser).'),
  })
  .refine((c) => c.minChunkSize < c.maxChunkSize, { message: 'minChunkSize must be smaller than maxChunkSize', path: ['minChunkSize'] });

export const semanticChunk = defineNode({
  type: 'chunk.semantic',
  typeVersion: 1,
  title: 'Semantic chunker',
  category: 'chunk',
  description:
    'Groups consecutive sentences and starts a new chunk where the topic shifts: where the cosine similarity of neighbouring sentence embeddings (built-in GloVe) drops below a percentile threshold.',
  inputs: { documents: { kind: 'documents', label: 'Documents' } },
  outputs: { chunks: { kind: 'chunks', label: 'Chunks' } },
  config: semanticChunkConfig,
  resources: { device: 'cpu', memoryMB: 300 },
});
