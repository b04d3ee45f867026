import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { NodeError } from '../../core/errors';
import { webAddressProblem } from './web-address';
import { guardedLookup, literalAddressRefusal, PrivateAddressError } from './network-guard';
import { proxyFor, type ProxySettings } from '../../models/proxy-env';
import { getViaProxy } from './proxy';

/** What one GET brought back, after redirects. */
export interface FetchedPage {
  /** where the last redirect led (the page's address for links and as its source id) */
  finalUrl: string;
  /** redirected, and only by permanent redirects (301, 308): the page moved, rather than being sent elsewhere for now (a login page) */
  movedPermanently: boolean;
  /** the Content-Type without parameters, lower case ('' when the server sent none) */
  mimeType: string;
  /** the Content-Type as sent, parameters included (its charset decodes the text) */
  contentType: string;
  body: Buffer;
}

export interface FetchOptions {
  /** the run's signal (node timeout, cancellation) */
  signal: AbortSignal;
  /** limit of one request, redirects included */
  timeoutMs: number;
  /** largest body, after decompression */
  maxBytes: number;
  allowPrivateNetwork: boolean;
  userAgent: string;
  maxRedirects?: number;
  accept?: string;
  /** the machine's outbound proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY); none: every request goes direct */
  proxy?: ProxySettings;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);
const PAGE_ACCEPT = 'text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5';

/**
 * GETs one page over HTTP(S), following up to `maxRedirects` redirects (each hop checked again),
 * with a time limit for the whole and a size limit on the body (checked as it streams, so a huge or
 * endless page costs no more than the limit). Every failure is a NodeError naming the address:
 * INVALID_INPUT (not http/https, or a private address), REMOTE_UNREACHABLE, REMOTE_ERROR (status),
 * TIMEOUT, TOO_LARGE, CANCELLED.
 */
export async function fetchPage(address: string, options: FetchOptions): Promise<FetchedPage> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  let url = parseWebUrl(address);
  const maxRedirects = options.maxRedirects ?? 5;
  let permanent: boolean | undefined;
  try {
    for (let hop = 0; ; hop++) {
      const response = await get(url, options, signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location) {
        response.resume();
        if (hop >= maxRedirects) throw new NodeError('REMOTE_ERROR', `${address}: more than ${maxRedirects} redirects`, { retryable: false });
        url = parseWebUrl(new URL(location, url).href, `${address} redirects to`);
        permanent = (permanent ?? true) && PERMANENT_REDIRECTS.has(response.statusCode!);
        continue;
      }
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        response.resume();
        throw new NodeError('REMOTE_ERROR', `${url.href} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`, {
          retryable: status === 429 || status >= 500,
          details: { status },
        });
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes && !response.headers['content-encoding']) {
        response.destroy();
        throw tooLarge(url.href, options.maxBytes);
      }
      const body = await readCapped(decoded(response), options.maxBytes, url.href);
      const contentType = (response.headers['content-type'] ?? '').trim();
      return { finalUrl: url.href, movedPermanently: permanent ?? false, mimeType: mimeOf(contentType), contentType, body };
    }
  } catch (error) {
    throw asNodeError(error, { url: url.href, timeoutMs: options.timeoutMs, timeout, runSignal: options.signal });
  }
}

/** A URL the loader may fetch: absolute, http or https, without credentials. */
export function parseWebUrl(address: string, what = 'address'): URL {
  const problem = webAddressProblem(address, what);
  if (problem) throw new NodeError('INVALID_INPUT', problem);
  const url = new URL(address);
  url.hash = '';
  return url;
}

function get(url: URL, options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const refused = literalAddressRefusal(url, options.allowPrivateNetwork);
  if (refused) return Promise.reject(refused);
  const headers = { 'user-agent': options.userAgent, accept: options.accept ?? PAGE_ACCEPT, 'accept-encoding': 'gzip, deflate, br' };
  const proxy = options.proxy && proxyFor(url, options.proxy);
  if (proxy) return getViaProxy(url, proxy, { headers, signal, allowPrivateNetwork: options.allowPrivateNetwork });
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', signal, lookup: guardedLookup(options.allowPrivateNetwork), headers });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

async function readCapped(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) {
      stream.destroy();
      throw tooLarge(url, maxBytes);
    }
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

function tooLarge(url: string, maxBytes: number): NodeError {
  return new NodeError('TOO_LARGE', `${url} is larger than ${(maxBytes / 1048576).toFixed(maxBytes < 1048576 ? 2 : 0)} MB (maxPageMB)`);
}

function mimeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

function asNodeError(error: unknown, at: { url: string; timeoutMs: number; timeout: AbortSignal; runSignal: AbortSignal }): NodeError {
  if (error instanceof NodeError) return error;
  if (at.runSignal.aborted) {
    const reason = at.runSignal.reason;
    return reason instanceof NodeError ? reason : new NodeError('CANCELLED', `loading ${at.url} was cancelled`);
  }
  if (at.timeout.aborted) return new NodeError('TIMEOUT', `${at.url} did not answer within ${at.timeoutMs / 1000} s (timeoutSeconds)`);
  if (error instanceof PrivateAddressError) {
    return new NodeError('INVALID_INPUT', `${at.url}: ${error.message}; loading pages from the server's own network is off (allowPrivateNetwork)`, { retryable: false });
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NodeError('REMOTE_UNREACHABLE', `${at.url}: no such host (${new URL(at.url).hostname})`, { retryable: code === 'EAI_AGAIN' });
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new NodeError('REMOTE_UNREACHABLE', `${at.url}: the server could not be reached (${code})`);
  }
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return new NodeError('REMOTE_ERROR', `${at.url}: its TLS certificate was refused (${code})`, { retryable: false });
  if (code === 'Z_DATA_ERROR' || code === 'ERR_PADDING_1' || code === 'Z_BUF_ERROR') return new NodeError('REMOTE_ERROR', `${at.url}: the compressed body is corrupt`, { retryable: false });
  return new NodeError('REMOTE_ERROR', `${at.url}: ${error instanceof Error ? error.message : String(error)}`);
}
