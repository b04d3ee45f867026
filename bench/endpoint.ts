import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beirDocumentText, readBeirCorpus, readBeirQueries, type BeirDoc } from '../cli/beir';
import type { GraphSpec } from '../nodes/core/spec';
import { ingestGraph, startApi } from '../server/http/v1/testing';
import { openScratchDb } from '../server/testing/db';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';
import { scifactFile } from './lib/scifact';
import { percentile, round } from './lib/stats';
import { specEdge, specNode } from '../nodes/testing/spec-builders';

/**
 * `npm run bench:endpoint`: a published query graph (query → embed.glove → retrieve.pgvector → result,
 * no LLM) over a SciFact collection, called by CLIENTS concurrent HTTP clients for SECONDS seconds.
 *
 * The server runs in a child process (its own event loop and the V8 flags of production,
 * scripts/node-flags.mjs): it opens a throwaway
 * database (a new one on the DATABASE_URL server, else an embedded PGlite), ingests BENCH_DOCS SciFact documents by uploading them
 * to /api/v1/collections/{name}/documents through a published ingestion graph, publishes the query
 * graph and issues a key. This process then sends SciFact queries in a closed loop and measures each
 * call. Last line: JSON {rps, p50Ms, p95Ms, p99Ms, errors, serverCpuMsPerCall, …}.
 * Knobs: BENCH_CLIENTS (20), BENCH_SECONDS (30), BENCH_DOCS (default: all), BENCH_RETRIEVAL (dense | lexical |
 * hybrid; default: the retriever's default, hybrid), BENCH_CANDIDATES, BENCH_GRAPH=echo (the API and runner alone),
 * BENCH_CPU_PROF=<dir> (CPU profile of the server during the measured window, written as server.cpuprofile).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** the whole SciFact corpus (5,183 abstracts) unless set */
const DOCS = Number(process.env.BENCH_DOCS ?? Number.MAX_SAFE_INTEGER);
/** the retriever's own default (hybrid) unless set */
const MODE = process.env.BENCH_RETRIEVAL as 'hybrid' | 'dense' | 'lexical' | undefined;
/** `echo` serves query → result instead: the API and runner cost without embedding and retrieval */
const GRAPH = process.env.BENCH_GRAPH === 'echo' ? 'echo' : 'search';
const COLLECTION = 'scifact-bench';


const querySpec: GraphSpec = {
  schemaVersion: 1,
  nodes: [specNode('query', 'io.query-input'), specNode('embed', 'embed.glove', {}, 200), specNode('retrieve', 'retrieve.pgvector', { collection: COLLECTION, ...(MODE ? { mode: MODE } : {}), topK: 10, ...(process.env.BENCH_CANDIDATES ? { candidates: Number(process.env.BENCH_CANDIDATES) } : {}) }, 400), specNode('out', 'io.result-output', { field: 'passages' }, 600)],
  edges: [specEdge('query', 'query', 'embed', 'query'), specEdge('embed', 'vector', 'retrieve', 'query'), specEdge('retrieve', 'retrieved', 'out', 'value')],
};

const echoSpec: GraphSpec = {
  schemaVersion: 1,
  nodes: [specNode('query', 'io.query-input'), specNode('out', 'io.result-output', { field: 'passages' }, 200)],
  edges: [specEdge('query', 'query', 'out', 'value')],
};

// ------------------------------------------------------------------------------------------ server

async function serve(): Promise<void> {
  // a throwaway database: a fresh one on the DATABASE_URL server (dropped at the end), else PGlite in a temp folder
  const dir = mkdtempSync(join(tmpdir(), 'bench-endpoint-'));
  const db = await openScratchDb({ pgliteDir: join(dir, 'pglite') });
  const api = await startApi(db.kind, { db });
  const url = api.url;
  await api.publish('scifact-ingest', ingestGraph(COLLECTION));
  const search = GRAPH === 'echo' ? 'echo' : 'scifact-search';
  await api.publish(search, GRAPH === 'echo' ? echoSpec : querySpec);
  const key = await api.key({ rateLimitPerMinute: 10_000_000 });

  // ingest through the public upload route, 100 documents per request
  const docs: BeirDoc[] = [];
  for await (const doc of readBeirCorpus(scifactFile('corpus.jsonl'))) if (docs.push(doc) >= DOCS) break;
  const started = performance.now();
  let chunks = 0;
  for (let i = 0; i < docs.length; i += 100) {
    const form = new FormData();
    for (const doc of docs.slice(i, i + 100)) form.append('files', new Blob([beirDocumentText(doc)], { type: 'text/plain' }), `${doc.id}.txt`);
    const response = await fetch(`${url}/api/v1/collections/${COLLECTION}/documents?endpoint=scifact-ingest`, { method: 'POST', headers: { authorization: `Bearer ${key.secret}` }, body: form });
    const body = (await response.json()) as { output?: { ingested: { chunksWritten: number } }; error?: { message: string } };
    if (response.status !== 200) throw new Error(`ingest failed (${response.status}): ${body.error?.message}`);
    chunks += body.output!.ingested.chunksWritten;
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  process.send!({ url, slug: search, secret: key.secret, database: db.kind, docs: docs.length, chunks, ingestSeconds: round(ingestSeconds, 1) });

  // the client asks for this process's CPU time around the measured window
  // the profile covers the measured window only (not ingestion or warm-up)
  const profiler = process.env.BENCH_CPU_PROF ? new Session() : undefined;
  let profiling = false;
  profiler?.connect();
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    void (async () => {
      if (profiler && !profiling) {
        profiling = true;
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      } else if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(join(process.env.BENCH_CPU_PROF!, 'server.cpuprofile'), JSON.stringify(profile));
      }
      process.send!({ cpu: process.cpuUsage() });
    })();
  });
  await new Promise<void>((resolve) => process.once('disconnect', resolve));
  await api.close(); // destroys the database too
  rmSync(dir, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------------ client

interface Ready {
  url: string;
  slug: string;
  secret: string;
  database: string;
  docs: number;
  chunks: number;
  ingestSeconds: number;
}

function postJson(agent: Agent, url: URL, secret: string, payload: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function main(): Promise<void> {
  if (process.env.BENCH_CPU_PROF) mkdirSync(process.env.BENCH_CPU_PROF, { recursive: true });
  const child: ChildProcess = fork(import.meta.filename, ['--serve'], { execArgv: [...process.execArgv, ...SERVER_NODE_FLAGS], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
  });
  console.error(`[bench] ${ready.database}: ingested ${ready.docs} docs (${ready.chunks} chunks) in ${ready.ingestSeconds} s; ${CLIENTS} clients for ${SECONDS} s on ${ready.slug}`);

  const queries = [...readBeirQueries(scifactFile('queries.jsonl')).values()];
  // node:http with keep-alive rather than fetch: the load generator shares the machine's two cores
  // with the server and the database, so it should spend as little CPU per call as it can
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const target = new URL(`${ready.url}/api/v1/endpoints/${ready.slug}`);
  const call = async (i: number) => {
    const t0 = performance.now();
    try {
      const { status, body } = await postJson(agent, target, ready.secret, JSON.stringify({ query: queries[i % queries.length] }));
      const parsed = JSON.parse(body) as { output?: { passages?: { items?: unknown[] } } };
      const ok = status === 200 && (GRAPH === 'echo' || (Array.isArray(parsed.output?.passages?.items) && parsed.output.passages.items.length > 0));
      return { ms: performance.now() - t0, ok };
    } catch {
      return { ms: performance.now() - t0, ok: false };
    }
  };

  const serverCpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => {
        const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
        resolve((user + system) / 1000);
      });
      child.send('cpu');
    });
  for (let i = 0; i < 100; i++) await call(i); // warm-up: models loaded, caches filled, connections open
  const cpuBefore = await serverCpu();
  const clientCpuBefore = process.cpuUsage();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const result = await call(next++);
        latencies.push(result.ms);
        if (!result.ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpuMs = (await serverCpu()) - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  child.disconnect();
  await new Promise((resolve) => child.once('exit', resolve));

  console.log(
    JSON.stringify({
      rps: round(latencies.length / elapsed, 1),
      p50Ms: round(percentile(latencies, 50), 1),
      p95Ms: round(percentile(latencies, 95), 1),
      p99Ms: round(percentile(latencies, 99), 1),
      errors,
      requests: latencies.length,
      /** CPU time of the server process (all its threads) per call: what bounds throughput */
      serverCpuMsPerCall: round(serverCpuMs / latencies.length, 2),
      /** CPU time of this load generator per call (it runs on the same two cores) */
      clientCpuMsPerCall: round((clientCpu.user + clientCpu.system) / 1000 / latencies.length, 2),
      clients: CLIENTS,
      seconds: SECONDS,
      database: ready.database,
      graph: GRAPH,
      retrieval: MODE ?? 'hybrid (default)',
      docs: ready.docs,
      chunks: ready.chunks,
      ingestSeconds: ready.ingestSeconds,
    }),
  );
}

if (process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    console.error('[bench] server failed:', error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  });
}
