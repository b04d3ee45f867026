import { webAddressProblem } from '../../nodes/io/web-input/web-address';

/** The lines typed into a box, trimmed, blank ones left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The addresses typed into a box, one per line, and the first one that cannot be loaded. */
export function typedAddresses(text: string): { urls: string[]; problem?: string } {
  const urls = linesOf(text);
  const problem = urls.map((url) => webAddressProblem(url)).find(Boolean);
  return problem ? { urls, problem } : { urls };
}
