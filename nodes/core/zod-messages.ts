import { z } from 'zod';

/**
 * zod's wording, made plainer for the people who read it in API errors and the editor: a missing
 * field is "required" (not "Invalid input: expected string, received undefined"), and the
 * "Invalid input: " before a type or value mismatch goes. Everything else keeps zod's words.
 * Loaded with the node definitions (define.ts), which the server, the runner and the editor all
 * import before they validate anything.
 */
// zod registers its English wording lazily, on the first schema built: take it from the locale itself
const zodWording = z.locales.en().localeError;

z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined && issue.expected !== 'undefined') return 'required';
    const worded = zodWording?.(issue);
    const text = typeof worded === 'string' ? worded : worded?.message;
    return text?.replace(/^Invalid input: /, '');
  },
});
