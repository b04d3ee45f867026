import { webAddressProblem } from '../../nodes/io/web-input/web-address';

/** The addresses typed into a box, one per line (blank lines ignored), and the first one that cannot be loaded. */
export function typedAddresses(text: string): { urls: string[]; problem?: string } {
  const urls = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const problem = urls.map((url) => webAddressProblem(url)).find(Boolean);
  return problem ? { urls, problem } : { urls };
}
