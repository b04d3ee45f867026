import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFetchResponse, textResponse } from './fetch-bridge';

describe('sendFetchResponse', () => {
  let server: Server;
  let url = '';
  const responses: Record<string, () => Response> = {
    '/known': () => textResponse('{"answer":"naïve café ☕"}', { status: 201, headers: { 'content-type': 'application/json', 'x-extra': 'kept' } }),
    '/streamed': () => new Response('plain body', { status: 200 }),
  };
  beforeAll(async () => {
    server = createServer((req, res) => void sendFetchResponse(responses[req.url!]!(), res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a text response in one piece with its byte length, status and headers', async () => {
    const response = await fetch(`${url}/known`);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"answer":"naïve café ☕"}')));
    expect(response.headers.get('x-extra')).toBe('kept');
    expect(await response.json()).toEqual({ answer: 'naïve café ☕' });
  });

  it('streams any other response', async () => {
    const response = await fetch(`${url}/streamed`);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(await response.text()).toBe('plain body');
  });
});
