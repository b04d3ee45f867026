import { z } from 'zod';
import { defineNode } from '../../core/define';

export const delay = defineNode({
  type: 'util.delay',
  typeVersion: 1,
  title: 'Delay',
  category: 'util',
  description: 'Waits, then forwards its input unchanged: pace calls to a rate-limited service, or rehearse timeouts and worker failover.',
  inputs: { value: { kind: 'json', label: 'Value' } },
  outputs: { value: { kind: 'json', label: 'Value' } },
  config: z.object({
    ms: z.number().int().min(0).max(3_600_000).default(1000).describe('How long to wait, in milliseconds.'),
    timeoutMs: z.number().int().min(1).max(3_600_000).default(120_000).describe('Fail the node if it has not finished after this many milliseconds.'),
  }),
  resources: { device: 'any' },
});
