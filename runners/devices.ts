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

/**
 * The device class a node task wants: its definition's, unless its config pins the CPU (the ONNX
 * nodes' `device: "cpu"`), which keeps it off GPU workers' queues and GPU memory.
 */
export function wantedDevice(definition: { resources: { device: DeviceClass } }, config: Record<string, unknown>): DeviceClass {
  return config.device === 'cpu' ? 'cpu' : definition.resources.device;
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

/**
 * What a worker process does, from WORKER_ROLES: `orchestrator` walks runs from the run queue and
 * sends their node tasks to the device queues; `executor` takes node tasks from its devices' queues
 * and runs them. Both by default; one role each lets orchestration and model work scale apart (many
 * light orchestrators, GPU machines that only execute).
 */
export const WORKER_ROLES = ['orchestrator', 'executor'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

export function parseWorkerRoles(spec: string): WorkerRole[] {
  const roles = [...new Set(spec.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = roles.filter((r) => !(WORKER_ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`WORKER_ROLES: unknown role ${unknown.map((r) => `"${r}"`).join(', ')} (use orchestrator, executor or both, comma-separated)`);
  if (roles.length === 0) throw new Error('WORKER_ROLES is empty (use orchestrator, executor or both, comma-separated)');
  return WORKER_ROLES.filter((r) => roles.includes(r));
}
