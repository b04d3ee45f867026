import { describe, expect, it } from 'vitest';
import { getExample } from '../../prisma/seed/examples';
import { capabilitiesOf } from './public-capabilities';

describe('what an ingestion graph offers callers', () => {
  it('a graph that reads files takes uploads into the collections it writes', () => {
    const capabilities = capabilitiesOf(getExample('ingest')!.spec);
    expect(capabilities).toMatchObject({ kind: 'ingestion', ingestion: { collections: ['docs'] }, webPages: null });
    expect(Object.keys(capabilities.inputJsonSchema.properties as object)).toEqual(['files']);
  });

  it('a graph that loads web pages is an ingestion endpoint called with addresses, not a file upload', () => {
    const capabilities = capabilitiesOf(getExample('web-pages')!.spec);
    expect(capabilities).toMatchObject({ kind: 'ingestion', ingestion: null, webPages: { collections: ['web'] } });
    expect(capabilities.inputSchema.safeParse({ urls: ['https://example.com/docs/'] }).success).toBe(true);
    const refused = capabilities.inputSchema.safeParse({ urls: ['ftp://example.com/'] });
    expect(refused.error?.issues[0]?.message).toContain('only http and https pages can be loaded');
  });
});
