import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTinyEmbedder, makeTempDir } from '../testing/tiny-onnx';
import { cpuReplicasPerModel, cpuSpinWait, cpuThreadsPerModel, executionProviders, floatOutput, int64Tensor, loadOrt, openSession, parseDevice } from './onnx-session';

describe('executionProviders', () => {
  it('uses only the CPU provider on cpu', () => {
    expect(executionProviders('cpu')).toEqual(['cpu']);
  });

  it('targets the numbered GPU with CUDA and keeps CPU as fallback', () => {
    expect(executionProviders('cuda:1')).toEqual([{ name: 'cuda', deviceId: 1 }, 'cpu']);
    expect(executionProviders('cuda')).toEqual([{ name: 'cuda', deviceId: 0 }, 'cpu']);
  });

  it('puts TensorRT first when asked and can drop the CPU fallback', () => {
    expect(executionProviders('cuda:3', { tensorrt: true, cpuFallback: false })).toEqual([
      { name: 'tensorrt', deviceId: 3 },
      { name: 'cuda', deviceId: 3 },
    ]);
  });

  it('refuses unknown devices with INVALID_CONFIG', () => {
    expect(() => parseDevice('tpu:0')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => executionProviders('cuda:x')).toThrow(/unknown device "cuda:x"/);
  });
});

describe('cpuThreadsPerModel', () => {
  it('spreads a model call over every core unless ONNX_THREADS says otherwise', () => {
    expect(cpuThreadsPerModel({})).toBe(availableParallelism());
    expect(cpuThreadsPerModel({ ONNX_THREADS: '1' })).toBe(1);
    expect(cpuThreadsPerModel({ ONNX_THREADS: '6' })).toBe(6);
  });

  it('shares the cores among the copies of a model (ONNX_REPLICAS), one thread each at least', () => {
    expect(cpuReplicasPerModel({})).toBe(1);
    expect(cpuReplicasPerModel({ ONNX_REPLICAS: '2' })).toBe(2);
    expect(cpuThreadsPerModel({ ONNX_REPLICAS: '2' })).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    expect(cpuThreadsPerModel({ ONNX_REPLICAS: String(availableParallelism() * 4) })).toBe(1);
    expect(cpuThreadsPerModel({ ONNX_REPLICAS: '2', ONNX_THREADS: '3' })).toBe(3);
  });
});

describe('cpuSpinWait', () => {
  it('lets model threads sleep between calls unless ONNX_SPIN is 1', () => {
    expect(cpuSpinWait({})).toBe(false);
    expect(cpuSpinWait({ ONNX_SPIN: '0' })).toBe(false);
    expect(cpuSpinWait({ ONNX_SPIN: '1' })).toBe(true);
  });
});

describe('openSession', () => {
  const dir = makeTempDir();
  const model = createTinyEmbedder({ words: { alpha: [1, 2], beta: [3, 4] } });
  afterAll(() => model.remove());

  it('opens and runs a real model on the CPU', async () => {
    const session = await openSession(model.modelPath, 'cpu');
    const ort = await loadOrt();
    const ids = BigInt64Array.from([2n, 5n, 6n, 3n]); // [CLS] alpha beta [SEP]
    const zeros = new BigInt64Array(4);
    const out = await session.run({
      input_ids: int64Tensor(ort, ids, [1, 4]),
      attention_mask: int64Tensor(ort, BigInt64Array.from([1n, 1n, 1n, 1n]), [1, 4]),
      token_type_ids: int64Tensor(ort, zeros, [1, 4]),
    });
    const { data, dims } = floatOutput(out, 'last_hidden_state');
    expect(dims).toEqual([1, 4, 2]);
    expect(Array.from(data)).toEqual([0, 0, 1, 2, 3, 4, 0, 0]);
    await session.release();
  });

  it("hands onnxruntime the thread count and its spin setting (onnxruntime's session.intra_op.allow_spinning)", async () => {
    const ort = await loadOrt();
    const create = vi.spyOn(ort.InferenceSession, 'create');
    try {
      for (const [spinWait, expected] of [[undefined, '0'], [true, '1'], [false, '0']] as const) {
        const session = await openSession(model.modelPath, 'cpu', { intraOpNumThreads: 1, spinWait });
        await session.release();
        expect(create.mock.lastCall?.[1]).toMatchObject({ intraOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: expected } } } });
      }
    } finally {
      create.mockRestore();
    }
  });

  it('names the missing file with MODEL_UNAVAILABLE', async () => {
    const path = join(dir, 'nothing-here.onnx');
    await expect(openSession(path, 'cpu')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(path) });
  });

  it('reports a corrupt file as MODEL_UNAVAILABLE naming it', async () => {
    const path = join(dir, 'corrupt.onnx');
    writeFileSync(path, 'this is not a protobuf');
    await expect(openSession(path, 'cpu')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(path) });
  });

  it('refuses a directory where a file is expected', async () => {
    await expect(openSession(dir, 'cpu')).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
