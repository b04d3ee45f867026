import { z } from 'zod';
import { defineNode } from '../../core/define';

export const fixedChunkConfig = z
  .object({
    unit: z
      .enum(['characters', 'tokens'])
      .default('characters')
      .describe('What size and overlap count. "tokens" is approximate: words and punctuation marks as a simple regex finds them (a model tokenizer makes about 1 to 1.3 tokens of each).'),
    size: z.number().int().min(1).max(100_000).default(800).describe('Chunk size, in the chosen unit.'),
    overlap: z.number().int().min(0).max(50_000).default(80).describe('How much of each chunk the next one repeats, in the chosen unit. Must be smaller than the size.'),
    keepWords: z
      .boolean()
      .default(true)
      .describe('Characters only: end a chunk at the last space inside the window instead of mid-word, when there is one in its last fifth.'),
  })
  .refine((c) => c.overlap < c.size, { message: 'overlap must be smaller than size', path: ['overlap'] });

export const fixedChunk = defineNode({
  type: 'chunk.fixed',
  typeVersion: 1,
  title: 'Fixed-size chunker',
  category: 'chunk',
  description: 'Sliding windows of a fixed number of characters or (approximate, regex-counted) tokens, with overlap. Ignores document structure.',
  inputs: { documents: { kind: 'documents', label: 'Documents' } },
  outputs: { chunks: { kind: 'chunks', label: 'Chunks' } },
  config: fixedChunkConfig,
  resources: { device: 'any' },
});
