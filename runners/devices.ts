import type { DeviceClass } from '../nodes/core/define';

/**
 * The devices a worker offers, from WORKER_DEVICES: `cpu`, or GPUs with optional memory in MB, e.g.
 * `cuda:0=24000,cuda:1=24000`. A worker also always has its CPU for nodes that need no GPU.
 */
export interface Device {
  id: string;
  kind: 'cpu' | 'gpu';
  memoryMB: number;
}

const DEFAULT_GPU_MB = 16_000;
const DEFAULT_CPU_MB = 16_000;

export function parseDevices(spec: string): Device[] {
  const devices: Device[] = [];
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, memory] = raw.split('=') as [string, string | undefined];
    const memoryMB = memory === undefined ? undefined : Number(memory);
    if (memoryMB !== undefined && !(memoryMB > 0)) throw new Error(`WORKER_DEVICES: "${raw}" has an invalid memory size (write e.g. cuda:0=24000)`);
    if (id === 'cpu') devices.push({ id, kind: 'cpu', memoryMB: memoryMB ?? DEFAULT_CPU_MB });
    else if (/^cuda:\d+$/.test(id)) devices.push({ id, kind: 'gpu', memoryMB: memoryMB ?? DEFAULT_GPU_MB });
    else throw new Error(`WORKER_DEVICES: unknown device "${id}" (use cpu or cuda:N, comma-separated)`);
  }
  if (devices.length === 0) throw new Error('WORKER_DEVICES is empty (use cpu or cuda:0,cuda:1)');
  return devices;
}

/** The queue a node's tasks go to: GPU work to GPU workers, everything else to CPU workers. */
export function deviceClassQueue(device: DeviceClass): 'cpu' | 'gpu' {
  return device === 'gpu' ? 'gpu' : 'cpu';
}

/** Which queues a worker with these devices consumes. */
export function queuesFor(devices: Device[]): ('cpu' | 'gpu')[] {
  const queues = new Set<'cpu' | 'gpu'>(['cpu']);
  if (devices.some((d) => d.kind === 'gpu')) queues.add('gpu');
  return [...queues];
}
