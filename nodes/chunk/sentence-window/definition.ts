import { z } from 'zod';
import { defineNode } from '../../core/define';

export const sentenceWindowConfig = z.object({
  window: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(2)
    .describe('Sentences on each side of a sentence that form its parent (context) chunk. 0 = no parents, sentences only.'),
  maxSentenceChars: z
    .number()
    .int()
    .min(50)
    .max(20_000)
    .default(1000)
    .describe('A "sentence" longer than this (a long table row, text without punctuation) is split at words.'),
});

export const sentenceWindowChunk = defineNode({
  type: 'chunk.sentence-window',
  typeVersion: 1,
  title: 'Sentence-window chunker',
  category: 'chunk',
  description:
    'One chunk per sentence for precise matching; each points at a parent chunk holding the surrounding sentences, which retrieval can return instead (small-to-big).',
  inputs: { documents: { kind: 'documents', label: 'Documents' } },
  outputs: { chunks: { kind: 'chunks', label: 'Chunks' } },
  config: sentenceWindowConfig,
  resources: { device: 'any' },
});
