import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTinyEmbedder, makeTempDir } from '../testing/tiny-onnx';
import { keepOnnxTelemetryOff } from './onnx-telemetry';

/**
 * onnxruntime-node's telemetry keeps its events under ~/.cache/Microsoft (and an empty
 * /tmp/mat-debug-PID.log) from the moment it starts. Each case runs a fresh process with its own HOME
 * and looks for them: the project's own ways of loading a model leave none, and the same process with
 * telemetry allowed does leave them, so the check can fail.
 */
const root = resolve(import.meta.dirname, '../..');
const model = createTinyEmbedder({ words: { cat: [1, 0], dog: [0, 1] } });
const scripts = makeTempDir('ragraph-test-telemetry-');
afterAll(() => model.remove());

const loaders = {
  // a session opened on the main thread (the CLI, the embedded server)
  mainThread: `import { openSession } from '${root}/nodes/models/onnx-session.ts';
await openSession(${JSON.stringify(join(model.dir, 'model.onnx'))}, 'cpu');`,
  // an embedder on its model thread: onnxruntime starts in a worker thread, never on the main one
  modelThread: `import { noDatabase } from '${root}/nodes/core/context.ts';
import { embedOnnx } from '${root}/nodes/embed/onnx/definition.ts';
import { parseDevices } from '${root}/runners/devices.ts';
import { NodeHost } from '${root}/runners/node-host.ts';
const host = new NodeHost({ workerId: 't', devices: parseDevices('cpu'), sql: noDatabase('none') });
const result = await host.execute({ runId: 'r', nodeId: 'embed', attempt: 1, type: 'embed.onnx', typeVersion: 1, config: embedOnnx.config.parse({ modelDir: ${JSON.stringify(model.dir)} }), inputs: { query: { text: 'cat' } }, runInput: {}, timeoutMs: 60_000 });
if (result.status !== 'succeeded') throw new Error(result.error?.message);
await host.close();`,
};

/** onnxruntime starts no telemetry where one of these says it runs in CI: the children run without them, as on a user's machine */
const CI_MARKERS = ['CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CIRCLECI', 'TRAVIS', 'JENKINS_URL', 'CODEBUILD_BUILD_ID', 'BUILDKITE', 'TEAMCITY_VERSION', 'APPVEYOR', 'BITBUCKET_BUILD_NUMBER'];

async function traces(loader: keyof typeof loaders, telemetry: string | undefined) {
  const home = makeTempDir('ragraph-test-home-');
  const script = join(scripts, `${loader}.mts`); // an ES module wherever it is, for its top-level await
  writeFileSync(script, loaders[loader]);
  const env: Record<string, string | undefined> = { ...process.env, HOME: home, XDG_CACHE_HOME: undefined, ORT_DISABLE_TELEMETRY: telemetry };
  for (const marker of CI_MARKERS) delete env[marker];
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const debugLog = `/tmp/mat-debug-${child.pid}.log`;
  try {
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code, stderr).toBe(0);
    return { cache: existsSync(join(home, '.cache/Microsoft')), debugLog: existsSync(debugLog) };
  } finally {
    rmSync(debugLog, { force: true }); // the HOME goes with the file's other temporary folders
  }
}

describe('onnxruntime telemetry', () => {
  it('is off unless ORT_DISABLE_TELEMETRY says otherwise', () => {
    const unset: Record<string, string | undefined> = {};
    keepOnnxTelemetryOff(unset);
    expect(unset.ORT_DISABLE_TELEMETRY).toBe('1');
    const allowed: Record<string, string | undefined> = { ORT_DISABLE_TELEMETRY: '0' };
    keepOnnxTelemetryOff(allowed);
    expect(allowed.ORT_DISABLE_TELEMETRY).toBe('0');
  });

  it('leaves no trace when a model loads on the main thread or on a model thread', async () => {
    expect(await traces('mainThread', undefined)).toEqual({ cache: false, debugLog: false });
    expect(await traces('modelThread', undefined)).toEqual({ cache: false, debugLog: false });
  }, 120_000);

  it('does leave one when telemetry is allowed (so the check above can fail)', async () => {
    expect((await traces('mainThread', '0')).cache).toBe(true);
  }, 60_000);
});
