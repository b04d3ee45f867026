import { z } from 'zod';
import { defineNode } from '../../core/define';

export const resultOutput = defineNode({
  type: 'io.result-output',
  typeVersion: 1,
  title: 'Result output',
  category: 'io',
  description: 'Exit point that returns any value under a field name, e.g. an ingestion summary.',
  role: 'exit',
  inputs: { value: { kind: 'json', label: 'Value', multiple: true } },
  outputs: {},
  config: z.object({
    field: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and "_"')
      .default('result')
      .describe('Name of the field in the run output.'),
  }),
  resources: { device: 'any' },
  io: (config) => z.object({ [config.field]: z.unknown().describe('Whatever the node connected to this output produced.') }),
});
