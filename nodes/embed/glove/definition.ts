import { z } from 'zod';
import { defineNode } from '../../core/define';
import { EMBED_INPUTS, EMBED_OUTPUTS } from '../shared/ports';

export const embedGlove = defineNode({
  type: 'embed.glove',
  typeVersion: 1,
  title: 'GloVe embedder (built-in)',
  category: 'embed',
  description:
    'Embeds chunks or a query with GloVe 100-d word vectors, SIF-weighted and normalised. Works offline with no model download; weaker than a transformer embedder, so pair it with lexical search.',
  inputs: EMBED_INPUTS,
  outputs: EMBED_OUTPUTS,
  config: z.object({}),
  resources: { device: 'cpu', memoryMB: 200, threaded: true },
  batch: { maxBatchSize: 256, maxLatencyMs: 10 },
  timeoutMs: 120_000, // the first run on a machine converts the vectors (~10 s)
});
