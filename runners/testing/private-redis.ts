import { spawn, spawnSync } from 'node:child_process';
import { closedPortUrl } from '../../nodes/testing/scripted-server';

/**
 * A Redis server of a test's own, without persistence like the usual cache setup, that the test
 * may restart empty without disturbing the Redis other suites share. Needs `redis-server` and
 * `redis-cli` on the PATH (the machine that runs the Redis suites has them).
 */
export interface PrivateRedis {
  url: string;
  /** stops the server, losing every key, and starts it again on the same port */
  restartEmpty(downMs?: number): Promise<void>;
  stop(): void;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = Number(new URL(await closedPortUrl()).port);
  const start = async () => {
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', detached: true });
    let failed: Error | undefined;
    server.once('error', (error) => (failed = error));
    server.unref();
    for (let i = 0; i < 50 && !failed && !ping(port); i++) await new Promise((r) => setTimeout(r, 100));
    if (failed || !ping(port)) throw new Error(`redis-server on port ${port} did not start (${failed?.message ?? 'no answer within 5 s'}): this suite needs redis-server and redis-cli on the PATH`);
  };
  const stop = () => void spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restartEmpty(downMs = 1_000) {
      stop();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop,
  };
}

function ping(port: number): boolean {
  return spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';
}
