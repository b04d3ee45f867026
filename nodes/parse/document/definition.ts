import { z } from 'zod';
import { defineNode } from '../../core/define';

export const parseDocumentConfig = z.object({
  ocrEngine: z
    .enum(['paddle', 'tesseract'])
    .default('paddle')
    .describe('OCR engine for PNG/JPEG images and scanned PDF pages: "paddle" (PaddleOCR v4 on ONNX Runtime, more accurate) or "tesseract" (tesseract.js, English).'),
  ocrScannedPages: z
    .boolean()
    .default(true)
    .describe('For PDFs: read pages that have no text layer (scans) by OCR of their images. Slower (about a second per page); off, a fully scanned PDF fails with EMPTY_INPUT.'),
  maxFileMB: z.number().min(0.001).max(512).default(50).describe('Files larger than this fail with TOO_LARGE (the other files are still parsed).'),
  htmlMainContent: z
    .boolean()
    .default(true)
    .describe('For HTML: keep only the main content (Readability), dropping navigation, banners, sidebars and footers.'),
  failOnError: z
    .boolean()
    .default(false)
    .describe(
      'Off: a corrupt or unsupported file is skipped and reported (on the Failures output, logged, and in the node trace) while the others are parsed; the node fails only if no file could be parsed. On: the first bad file fails the node.',
    ),
});

export const parseDocument = defineNode({
  type: 'parse.document',
  typeVersion: 1,
  title: 'Parse documents',
  category: 'parse',
  description:
    'Turns files into documents: PDF (text per page; scanned pages by OCR), DOCX, HTML (main content), Markdown, plain text and PNG/JPEG (OCR). Headings and tables become markdown; sections carry pages and heading paths.',
  inputs: { files: { kind: 'file', label: 'Files' } },
  outputs: {
    documents: { kind: 'documents', label: 'Documents' },
    failures: {
      kind: 'json',
      label: 'Failures',
      description: 'The files that could not be parsed and were left out: { count, files: [{ file, code, message }] } (the first 50 listed; count has them all).',
    },
  },
  config: parseDocumentConfig,
  // parsing and OCR take seconds of CPU per file: on the thread pool they never block the event loop
  resources: { device: 'cpu', memoryMB: 512, threaded: true },
  timeoutMs: 300_000,
});
