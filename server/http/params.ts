import { assertStorableText } from '../services/storable-text';

/**
 * Path parameters decoded; a malformed escape ("%zz") stays as sent rather than failing the request.
 * A parameter that decodes to text the database cannot hold ("%00") is a 400 (ServiceError).
 */
export function decodedParams(groups: Record<string, string> | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups ?? {})) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      params[name] = value;
    }
    assertStorableText(params[name], `the path parameter "${name}"`);
  }
  return params;
}
