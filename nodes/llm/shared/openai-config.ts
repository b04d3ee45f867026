import { z } from 'zod';

/**
 * Config fields every node talking to an OpenAI-compatible server shares (client-safe). The API key is
 * marked secret with zod metadata ({secret: true}) so the editor masks it and traces redact it; prefer
 * apiKeyEnv, which keeps the key out of the stored graph altogether.
 */
export const baseUrlField = (example: string) =>
  z
    .string()
    .url('baseUrl must be a URL like http://localhost:8000')
    .regex(/^https?:\/\//, 'baseUrl must start with http:// or https://')
    .describe(`Server address, with or without the trailing /v1, e.g. ${example}.`);

export const apiKeyField = z
  .string()
  .max(500)
  .optional()
  .meta({ secret: true, description: 'API key sent as a Bearer token (secret). Leave empty for local servers, or use apiKeyEnv.' });

export const apiKeyEnvField = z
  .string()
  // only *_API_KEY variables: a graph must not be able to send DATABASE_URL or the like to a server it names
  .regex(/^[A-Z][A-Z0-9_]*_API_KEY$/, 'apiKeyEnv must name a variable ending in _API_KEY, like OPENAI_API_KEY')
  .optional()
  .describe('Name of an environment variable on the worker holding the API key (used when apiKey is empty); must end in _API_KEY.');

export const timeoutMsField = (defaultMs: number) =>
  z.number().int().min(100).max(600_000).default(defaultMs).describe('Give up on the server after this many milliseconds.');
