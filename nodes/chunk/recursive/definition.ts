import { z } from 'zod';
import { defineNode } from '../../core/define';

export const recursiveChunkConfig = z
  .object({
    chunkSize: z.number().int().min(50).max(20_000).default(1000).describe('Largest chunk, in characters.'),
    overlap: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(100)
      .describe('Characters a chunk may repeat from the end of the previous one (whole sentences/words only). Must be smaller than the chunk size.'),
    parentSize: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(0)
      .describe('0 = off. Otherwise also emit parent chunks of about this many characters; each chunk points at its parent (small-to-big retrieval). Must be larger than the chunk size.'),
    respectSections: z
      .boolean()
      .default(true)
      .describe('Never let a chunk cross a heading section or PDF page (sections from the parser).'),
  })
  .refine((c) => c.overlap < c.chunkSize, { message: 'overlap must be smaller than chunkSize', path: ['overlap'] })
  .refine((c) => c.parentSize === 0 || c.parentSize > c.chunkSize, {
    message: 'parentSize must be 0 (off) or larger than chunkSize',
    path: ['parentSize'],
  });

export const recursiveChunk = defineNode({
  type: 'chunk.recursive',
  typeVersion: 1,
  title: 'Recursive chunker',
  category: 'chunk',
  description:
    'Structure-aware chunking: splits by headings and pages, then paragraphs, lines, sentences and words until each chunk fits the size; small pieces are merged. Optional parent chunks for small-to-big retrieval.',
  inputs: { documents: { kind: 'documents', label: 'Documents' } },
  outputs: { chunks: { kind: 'chunks', label: 'Chunks' } },
  config: recursiveChunkConfig,
  resources: { device: 'any' },
});
