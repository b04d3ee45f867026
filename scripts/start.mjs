// `npm start`: builds the app when there is no build or the sources are newer than it, then serves
// it on HOST:PORT (127.0.0.1:3000 by default) from server/http/main.ts. The database (embedded PGlite
// under DATA_DIR unless DATABASE_URL is set) is created, migrated and seeded when the server starts.
// With REDIS_URL it also starts one BullMQ worker (START_WORKER=0 to run workers elsewhere).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';

const root = new URL('..', import.meta.url).pathname;
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'generated') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const buildId = join(root, '.next', 'BUILD_ID');
const sources = ['app', 'server', 'nodes', 'runners', 'prisma'].map((d) => newestMtime(join(root, d)));
const stale = !existsSync(buildId) || Math.max(...sources, statSync(join(root, 'package.json')).mtimeMs) > statSync(buildId).mtimeMs;
if (stale || process.env.FORCE_BUILD === '1') {
  console.log('[start] building the app (first start or sources changed)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', join(root, 'server', 'http', 'main.ts')], {
  cwd: root,
  env: { ...env, NODE_ENV: 'production', PORT: port, HOST: host },
  stdio: 'inherit',
});
const children = [server];
// With Redis, runs go through BullMQ to `npm run worker` processes. One worker starts alongside the
// server so a single machine works out of the box; START_WORKER=0 leaves workers to other machines.
if (process.env.REDIS_URL && process.env.START_WORKER !== '0') {
  const worker = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', join(root, 'runners', 'worker', 'main.ts')], { cwd: root, env, stdio: 'inherit' });
  worker.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT') console.error(`[start] the worker stopped (${signal ?? code}); runs will wait for another worker`);
  });
  children.push(worker);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));
server.on('exit', (code) => {
  children.forEach((c) => c !== server && c.kill('SIGTERM'));
  process.exit(code ?? 0);
});
