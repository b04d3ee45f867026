import { describe, expect, it } from 'vitest';
import { plural } from '../lib/format';
import { describeSummary, failureReason, rejectedFiles, rejectedHeading, unloadedPages } from './ingest-result';

const binary = { file: 'random.bin', code: 'UNSUPPORTED_FORMAT', message: '"random.bin" is binary data that is not a supported document. Supported: PDF, DOCX, HTML, Markdown, plain text, PNG/JPEG (OCR).' };

describe('an ingestion run output, read for the upload panel', () => {
  it('describes what was stored, in the singular for one', () => {
    expect(describeSummary({ collection: 'kb', documents: 1, chunksWritten: 1, skippedUnchanged: 0, replaced: 0 })).toBe('1 document: 1 chunk written');
    expect(describeSummary({ collection: 'kb', documents: 3, chunksWritten: 5, skippedUnchanged: 1, replaced: 2 })).toBe('3 documents: 5 chunks written, 1 skipped unchanged, 2 replaced');
    expect(describeSummary({ documents: 0 })).toBe('0 documents');
    expect(describeSummary({})).toBe('the documents');
    expect(plural(1, 'chunk')).toBe('1 chunk');
    expect(plural(0, 'chunk')).toBe('0 chunks');
  });

  it('finds the rejected files of a parse node in the output, only when there are some', () => {
    expect(rejectedFiles({ ingested: {}, rejected: { count: 1, files: [binary] } })).toEqual({ count: 1, files: [binary] });
    expect(rejectedFiles({ ingested: {}, rejected: { count: 0, files: [] } })).toBeUndefined();
    // a graph without the field, or one whose `rejected` is something else
    expect(rejectedFiles({ ingested: {} })).toBeUndefined();
    expect(rejectedFiles({ rejected: ['random.bin'] })).toBeUndefined();
    expect(rejectedFiles(undefined)).toBeUndefined();
  });

  it('says how many files were left out and why each one, without repeating its name', () => {
    expect(rejectedHeading({ count: 1, files: [binary] })).toBe('1 file was not ingested');
    expect(rejectedHeading({ count: 3, files: [binary] })).toBe('3 files were not ingested');
    expect(failureReason(binary)).toBe('binary data that is not a supported document. Supported: PDF, DOCX, HTML, Markdown, plain text, PNG/JPEG (OCR).');
    expect(failureReason({ file: 'a.txt', code: 'INVALID_INPUT', message: '"a.txt": another file in this run has the source id "a.txt"' })).toBe('another file in this run has the source id "a.txt"');
    expect(failureReason({ file: 'r.docx', code: 'TOO_LARGE', message: '"r.docx" unzips to more than 256 MB' })).toBe('unzips to more than 256 MB');
    expect(failureReason({ file: 'x.pdf', code: 'CORRUPT_FILE', message: 'the PDF has no pages' })).toBe('the PDF has no pages');
  });

  it('finds the pages a web import could not load, and words them as pages', () => {
    const missing = { file: 'https://site.test/docs/missing', code: 'REMOTE_ERROR', message: 'https://site.test/docs/missing answered HTTP 404 Not Found' };
    expect(unloadedPages({ ingested: {}, unloaded: { count: 1, files: [missing] } })).toEqual({ count: 1, files: [missing] });
    expect(unloadedPages({ ingested: {}, rejected: { count: 1, files: [missing] } })).toBeUndefined();
    expect(rejectedHeading({ count: 2, files: [missing] }, 'page')).toBe('2 pages could not be loaded');
    expect(failureReason(missing)).toBe('answered HTTP 404 Not Found');
    const stalled = { file: 'https://site.test/a', code: 'TIMEOUT', message: 'https://site.test/a did not answer within 20 s (timeoutSeconds)' };
    expect(failureReason(stalled)).toBe('did not answer within 20 s (timeoutSeconds)');
  });
});
