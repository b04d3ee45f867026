import { describe, expect, it } from 'vitest';
import { typedAddresses } from './web-addresses';

describe('typed web addresses', () => {
  it('takes one address per line, trimmed, blank lines ignored', () => {
    expect(typedAddresses('  https://a.test/docs/ \n\n http://b.test/x\r\n')).toEqual({ urls: ['https://a.test/docs/', 'http://b.test/x'] });
    expect(typedAddresses('   \n')).toEqual({ urls: [] });
  });

  it('names the first address that cannot be loaded, and why', () => {
    expect(typedAddresses('https://a.test/\nexample.com/docs\nftp://c.test/').problem).toBe('address "example.com/docs" is not a URL: give a full address such as https://example.com/docs');
    expect(typedAddresses('file:///etc/passwd').problem).toContain('only http and https pages can be loaded');
  });
});
