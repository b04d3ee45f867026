import { describe, expect, it } from 'vitest';
import { executionProviders } from '../nodes/models/onnx-session';
import { embedOnnx } from '../nodes/embed/onnx/definition';
import { rerankOnnx } from '../nodes/rerank/onnx/definition';
import { parseDevices, parseWorkerRoles, queuesFor, wantedDevice } from './devices';
import { DevicePlacer } from './placement';

describe('devices', () => {
  it('parses WORKER_DEVICES with optional memory', () => {
    expect(parseDevices('cuda:0=24000, cuda:1')).toEqual([
      { id: 'cuda:0', kind: 'gpu', memoryMB: 24000 },
      { id: 'cuda:1', kind: 'gpu', memoryMB: 16000 },
    ]);
    expect(() => parseDevices('tpu:0')).toThrow(/unknown device "tpu:0"/);
    expect(() => parseDevices('cuda:0=lots')).toThrow(/invalid memory/);
    expect(() => parseDevices('')).toThrow(/empty/);
  });

  it('sends ONNX model nodes to a GPU when there is one, unless their config pins the CPU', () => {
    for (const definition of [embedOnnx, rerankOnnx]) {
      expect(wantedDevice(definition, { device: 'auto' })).toBe('gpu');
      expect(wantedDevice(definition, { device: 'cpu' })).toBe('cpu');
    }
  });

  it('lets GPU workers consume the GPU queue as well as the CPU one', () => {
    expect(queuesFor(parseDevices('cpu'))).toEqual(['cpu']);
    expect(queuesFor(parseDevices('cuda:0'))).toEqual(['cpu', 'gpu']);
  });
});

describe('parseWorkerRoles', () => {
  it('reads orchestrator, executor or both, and refuses anything else with what to write', () => {
    expect(parseWorkerRoles('orchestrator,executor')).toEqual(['orchestrator', 'executor']);
    expect(parseWorkerRoles(' executor , executor ')).toEqual(['executor']);
    expect(parseWorkerRoles('executor,orchestrator')).toEqual(['orchestrator', 'executor']);
    expect(() => parseWorkerRoles('orchestrator,gpu')).toThrow('WORKER_ROLES: unknown role "gpu" (use orchestrator, executor or both, comma-separated)');
    expect(() => parseWorkerRoles(' , ')).toThrow(/WORKER_ROLES is empty/);
  });
});

describe('DevicePlacer', () => {
  it('spreads models over GPUs by free memory and keeps each where it was placed', () => {
    const placer = new DevicePlacer(parseDevices('cuda:0=10000,cuda:1=8000'));
    expect(placer.place('embedder', 'gpu', 6000).device).toBe('cuda:0');
    expect(placer.place('reranker', 'gpu', 3000).device).toBe('cuda:1');
    expect(placer.place('classifier', 'gpu', 4000).device).toBe('cuda:1'); // 5000 MB free there
    expect(placer.place('embedder', 'gpu', 6000).device).toBe('cuda:0'); // warm: same device again
    expect(placer.models().map((m) => `${m.model}@${m.device}`).sort()).toEqual(['classifier@cuda:1', 'embedder@cuda:0', 'reranker@cuda:1']);
  });

  it('keeps a model on its GPU while runs pinned to the CPU use a CPU copy beside it', () => {
    const placer = new DevicePlacer(parseDevices('cpu,cuda:0=8000,cuda:1=8000'));
    expect(placer.place('embedder', 'gpu', 3000).device).toBe('cuda:0');
    expect(placer.place('embedder', 'cpu', 3000).device).toBe('cpu');
    // the GPU placement was not forgotten: the next GPU run finds it warm, not a second copy on cuda:1
    expect(placer.place('embedder', 'gpu', 3000).device).toBe('cuda:0');
    expect(placer.models().map((m) => `${m.model}@${m.device}`).sort()).toEqual(['embedder@cpu', 'embedder@cuda:0']);
    expect(placer.free(parseDevices('cuda:0=8000')[0]!)).toBe(5000);
  });

  it('counts every copy a CPU keeps of a model, and one on a GPU', () => {
    const placer = new DevicePlacer(parseDevices('cpu=4000,cuda:0=3000'));
    expect(placer.place('embedder', 'any', 1500, 2)).toEqual({ device: 'cpu', overcommitted: false });
    expect(placer.models()).toEqual([{ model: 'embedder', device: 'cpu', memoryMB: 3000, copies: 2 }]);
    expect(placer.place('reranker', 'any', 1500, 2)).toEqual({ device: 'cpu', overcommitted: true }); // 1000 MB left, two copies need 3000
    expect(placer.place('generator', 'gpu', 1500, 2)).toEqual({ device: 'cuda:0', overcommitted: false });
    expect(placer.models().find((m) => m.model === 'generator')).toMatchObject({ memoryMB: 1500, copies: 1 });
  });

  it('overcommits the emptiest device rather than refusing work, and says so', () => {
    const placer = new DevicePlacer(parseDevices('cuda:0=4000,cuda:1=4000'));
    placer.place('a', 'gpu', 3000);
    placer.place('b', 'gpu', 3500);
    const c = placer.place('c', 'gpu', 2000);
    expect(c.overcommitted).toBe(true);
    expect(c.device).toBe('cuda:0');
  });

  it('runs GPU nodes on the CPU of a worker without GPUs, and CPU nodes always on the CPU', () => {
    expect(new DevicePlacer(parseDevices('cpu')).place('embedder', 'gpu', 500).device).toBe('cpu');
    expect(new DevicePlacer(parseDevices('cuda:0')).place(undefined, 'cpu').device).toBe('cpu');
  });

  it('gives ONNX Runtime the CUDA provider with the placed device id, CPU as fallback', () => {
    const device = new DevicePlacer(parseDevices('cuda:0=1000,cuda:1=9000')).place('embedder', 'gpu', 2000).device;
    expect(device).toBe('cuda:1');
    expect(executionProviders(device)).toEqual([{ name: 'cuda', deviceId: 1 }, 'cpu']);
    expect(executionProviders('cpu')).toEqual(['cpu']);
  });
});
