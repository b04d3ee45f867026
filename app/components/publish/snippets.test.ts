import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoGraph, startApi, type ApiHarness } from '../../../server/http/v1/testing';
import { pythonLiteral, snippetsFor } from './snippets';

/** The snippets the endpoint page offers are run for real against a live server: a copied example must work. */
const run = async (file: string, args: string[], env: NodeJS.ProcessEnv) => (await promisify(execFile)(file, args, { env, encoding: 'utf8' })).stdout;
// the server runs in this process: the snippets run as child processes without blocking it
const hasPython = spawnSync('python3', ['-c', 'import requests'], { stdio: 'ignore' }).status === 0;

describe('endpoint snippets', () => {
  let api: ApiHarness;
  let secret: string;
  beforeAll(async () => {
    api = await startApi('pglite');
    await api.publish('echo', echoGraph());
    ({ secret } = await api.key());
  });
  afterAll(async () => {
    await api?.close();
  });

  const snippet = (title: string) => snippetsFor({ origin: api.url, slug: 'echo', kind: 'other', input: { query: "it's here", topK: 2 } }).find((s) => s.title === title)!.code;
  const env = () => ({ ...process.env, RAGRAPH_API_KEY: secret });

  it('curl: the command runs and returns the output (quotes in the input survive the shell)', async () => {
    const out = await run('bash', ['-c', snippet('curl')], env());
    expect(JSON.parse(out)).toMatchObject({ status: 'succeeded', output: { result: { text: "it's here", topK: 2 } } });
  });

  it('TypeScript: the fetch example runs as an ES module', async () => {
    const code = `${snippet('TypeScript')}\nconsole.log(JSON.stringify(output));`;
    const out = await run(process.execPath, ['--input-type=module', '-e', code], env());
    expect(JSON.parse(out)).toEqual({ result: { text: "it's here", topK: 2 } });
  });

  // where Python with requests is installed (no test otherwise, rather than a skipped one)
  it.each(hasPython ? ['python3'] : [])('Python: the requests example runs (%s)', async () => {
    const out = await run('python3', ['-c', snippet('Python')], env());
    expect(out).toContain("'text': \"it's here\"");
  });

  it('offers OpenAI SDK examples for chat and embedder endpoints and an upload for ingestion endpoints', () => {
    const titles = (kind: 'chat' | 'embedder' | 'ingestion') => snippetsFor({ origin: 'http://h', slug: 's', kind, collection: 'kb' }).map((s) => s.title);
    expect(titles('chat')).toContain('TypeScript (OpenAI SDK)');
    expect(titles('embedder')).toContain('Python (OpenAI SDK)');
    expect(titles('ingestion')).toContain('curl (upload files)');
    expect(pythonLiteral({ a: true, b: null, c: [1, 'x'] })).toBe('{"a": True, "b": None, "c": [1, "x"]}');
  });

  it('calls an endpoint that loads web pages with addresses, and offers it no file upload', () => {
    const snippets = snippetsFor({ origin: 'http://h', slug: 'site', kind: 'ingestion', webPages: true });
    expect(snippets.map((s) => s.title)).not.toContain('curl (upload files)');
    expect(snippets.find((s) => s.title === 'curl')!.code).toContain(`-d '{"urls":["https://example.com/docs/"]}'`);
  });
});
