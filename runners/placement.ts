import type { DeviceClass } from '../nodes/core/define';
import type { Device } from './devices';

/**
 * Places models on a worker's devices by their declared memory, and keeps them there: one warm
 * executor per (model, device). A model goes to the device of the wanted class that already holds
 * it, else to the one with the most free memory that fits it; when none fits it still goes to the
 * emptiest device (and the overcommit is reported) rather than refusing work.
 */
export interface Placement {
  device: string;
  overcommitted: boolean;
}

/** A model can be on more than one device of a worker (a GPU for most runs, the CPU for a config pinned there). */
const placementKey = (modelKey: string, device: string) => `${modelKey}\u0000${device}`;

export class DevicePlacer {
  private readonly placed = new Map<string, { model: string; device: string; memoryMB: number; copies: number }>();

  constructor(private readonly devices: Device[]) {}

  /** `cpuCopies`: how many copies of the model a CPU device keeps (ONNX_REPLICAS); a GPU keeps one */
  place(modelKey: string | undefined, wanted: DeviceClass, memoryMB = 0, cpuCopies = 1): Placement {
    const candidates = this.candidates(wanted);
    if (!modelKey) return { device: candidates[0]!.id, overcommitted: false };
    const warm = candidates.find((d) => this.placed.has(placementKey(modelKey, d.id)));
    if (warm) return { device: warm.id, overcommitted: false };
    const copiesOn = (d: Device) => (d.kind === 'cpu' ? cpuCopies : 1);
    const byFree = [...candidates].sort((x, y) => this.free(y) - this.free(x));
    const fitting = byFree.find((d) => this.free(d) >= memoryMB * copiesOn(d));
    const device = (fitting ?? byFree[0])!;
    this.placed.set(placementKey(modelKey, device.id), { model: modelKey, device: device.id, memoryMB: memoryMB * copiesOn(device), copies: copiesOn(device) });
    return { device: device.id, overcommitted: !fitting };
  }

  /** how many copies of a placed model a device keeps (1 for a model not placed there) */
  copiesOf(modelKey: string, device: string): number {
    return this.placed.get(placementKey(modelKey, device))?.copies ?? 1;
  }

  /** what is loaded where (memory of all its copies), for heartbeats and the workers page */
  models(): { model: string; device: string; memoryMB: number; copies: number }[] {
    return [...this.placed.values()].map((p) => ({ ...p }));
  }

  free(device: Device): number {
    let used = 0;
    for (const p of this.placed.values()) if (p.device === device.id) used += p.memoryMB;
    return device.memoryMB - used;
  }

  /** GPU work prefers GPUs and falls back to the CPU on a worker without one (same results, slower). */
  private candidates(wanted: DeviceClass): Device[] {
    const gpus = this.devices.filter((d) => d.kind === 'gpu');
    const cpus = this.devices.filter((d) => d.kind === 'cpu');
    const cpu = cpus.length ? cpus : [{ id: 'cpu', kind: 'cpu' as const, memoryMB: 16_000 }];
    if (wanted === 'gpu') return gpus.length ? gpus : cpu;
    return cpu;
  }
}
