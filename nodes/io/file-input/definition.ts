import { z } from 'zod';
import { defineNode } from '../../core/define';
import { fileValue } from '../../core/values';

export const fileInputFields = z.object({
  files: z.array(fileValue).min(1, 'send at least one file').max(1000, 'at most 1,000 files per run').describe('Files to ingest, base64-encoded.'),
});

export const fileInput = defineNode({
  type: 'io.file-input',
  typeVersion: 1,
  title: 'File input',
  category: 'io',
  description: 'Entry point of an ingestion graph: the files a caller uploads.',
  role: 'entry',
  inputs: {},
  outputs: { files: { kind: 'file', label: 'Files' } },
  config: z.object({
    maxFileMB: z.number().min(0.001).max(512).default(50).describe('Largest accepted file, in MB.'),
  }),
  resources: { device: 'any' },
  io: () => fileInputFields,
});
