import { z } from 'zod';
import { defineNode } from '../../core/define';

export const passthrough = defineNode({
  type: 'util.passthrough',
  typeVersion: 1,
  title: 'Pass through',
  category: 'util',
  description: 'Forwards its input unchanged. Useful as a junction when rewiring, and as a no-op when measuring runner overhead.',
  inputs: { value: { kind: 'json', label: 'Value' } },
  outputs: { value: { kind: 'json', label: 'Value' } },
  config: z.object({}),
  resources: { device: 'any' },
});
