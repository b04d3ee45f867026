/**
 * What is wrong with an address the web loader is given, or undefined when it can be loaded:
 * absolute, http or https, no credentials. Client-safe, so the editor, the API and the node say the
 * same thing.
 */
export function webAddressProblem(address: string, what = 'address'): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `${what} "${address}" is not a URL: give a full address such as https://example.com/docs`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${what} "${address}" uses ${url.protocol.replace(':', '')}: only http and https pages can be loaded`;
  if (url.username || url.password) return `${what} "${address}" carries a user name or password: remove them from the address`;
  return undefined;
}
