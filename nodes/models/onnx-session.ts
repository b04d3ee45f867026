import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type * as Ort from 'onnxruntime-node';
import { NodeError } from '../core/errors';
import { keepOnnxTelemetryOff } from './onnx-telemetry';

/**
 * ONNX Runtime sessions placed on a device. onnxruntime-node is imported lazily: it loads a native
 * library, and modules that only need the provider list (placement, tests) should not pay for it.
 */

export type OrtModule = typeof Ort;
export type OnnxSession = Ort.InferenceSession;
export type ExecutionProvider = 'cpu' | { name: 'cuda'; deviceId: number } | { name: 'tensorrt'; deviceId: number };

export interface ExecutionProviderOptions {
  /** put TensorRT before CUDA on GPU devices (needs the TensorRT libraries on the worker). */
  tensorrt?: boolean;
  /** keep the CPU provider as a fallback for operators the GPU provider lacks (default true). */
  cpuFallback?: boolean;
}

export type ParsedDevice = { kind: 'cpu' } | { kind: 'cuda'; index: number };

/** `cpu`, `cuda` (= cuda:0) or `cuda:N`; anything else is a configuration mistake. */
export function parseDevice(device: string): ParsedDevice {
  const normalized = device.trim().toLowerCase();
  if (normalized === 'cpu') return { kind: 'cpu' };
  const match = /^(?:cuda|gpu)(?::(\d+))?$/.exec(normalized);
  if (match) return { kind: 'cuda', index: match[1] === undefined ? 0 : Number(match[1]) };
  throw new NodeError('INVALID_CONFIG', `unknown device "${device}": use "cpu" or "cuda:N" (e.g. cuda:0)`);
}

/** The execution providers for a device, most preferred first (onnxruntime tries them in order). */
export function executionProviders(device: string, options: ExecutionProviderOptions = {}): ExecutionProvider[] {
  const parsed = parseDevice(device);
  if (parsed.kind === 'cpu') return ['cpu'];
  const providers: ExecutionProvider[] = [];
  if (options.tensorrt) providers.push({ name: 'tensorrt', deviceId: parsed.index });
  providers.push({ name: 'cuda', deviceId: parsed.index });
  if (options.cpuFallback !== false) providers.push('cpu');
  return providers;
}

let ortModule: Promise<OrtModule> | undefined;

export function loadOrt(): Promise<OrtModule> {
  keepOnnxTelemetryOff();
  ortModule ??= import('onnxruntime-node')
    .then((m) => ((m as { default?: OrtModule }).default ?? m) as OrtModule)
    .catch((error: unknown) => {
      ortModule = undefined;
      throw new NodeError('MODEL_UNAVAILABLE', `onnxruntime-node could not be loaded: ${(error as Error).message}`, { cause: error });
    });
  return ortModule;
}

export interface OpenSessionOptions extends ExecutionProviderOptions {
  /** threads one model call spreads over; default `cpuThreadsPerModel()` */
  intraOpNumThreads?: number;
  /** whether those threads spin-wait for the next call; default `cpuSpinWait()` */
  spinWait?: boolean;
}

/**
 * Copies of each ONNX model a CPU worker keeps, each on a thread of its own: ONNX_REPLICAS, default 1.
 * One copy spread over every core answers a lone request soonest; one copy per core serves more
 * requests at once, since a small model's call spread over two cores spends much of its time
 * synchronising them (an encoder 128 wide embedded 2,100 texts/s one at a time on two cores, 3,400
 * on one). Each copy holds the model's weights.
 */
export function cpuReplicasPerModel(env: Record<string, string | undefined> = process.env): number {
  return positiveInteger(env.ONNX_REPLICAS) ?? 1; // validated in server/env.ts
}

/**
 * Threads one ONNX call spreads its operators over: ONNX_THREADS, else the cores the process may use
 * shared among the model's copies (all of them by default). Set explicitly rather than left to
 * onnxruntime, whose own count comes from its CPU detection: on some virtual machines that finds one
 * core, and every model then ran on half of a two-core worker (an encoder with MiniLM's shape
 * embedded 230 texts/s where both cores give 355).
 */
export function cpuThreadsPerModel(env: Record<string, string | undefined> = process.env): number {
  return positiveInteger(env.ONNX_THREADS) ?? Math.max(1, Math.floor(availableParallelism() / cpuReplicasPerModel(env)));
}

/**
 * Whether a model's threads spin-wait for work between calls: ONNX_SPIN=1, off by default.
 * Spinning answers a lone request up to 0.3 ms sooner (an encoder 128 wide: p50 0.95–1.14 ms
 * against 1.14–1.24), but a spinning thread holds its core after every call, and a worker's cores
 * are shared: by its event loop, its CPU pool and every other model of a graph. `npm run bench:spin`
 * on a 2-core machine: two ONNX models serving bursts together, 1.2–1.5 times the requests/s with
 * threads sleeping; one model alone, about the same either way, with up to 30% less CPU per request
 * sleeping.
 */
export function cpuSpinWait(env: Record<string, string | undefined> = process.env): boolean {
  return env.ONNX_SPIN === '1'; // validated in server/env.ts
}

function positiveInteger(value: string | undefined): number | undefined {
  const parsed = value ? Number(value) : undefined;
  return parsed && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/**
 * The session settings every ONNX model of a worker shares, whoever opens it (our executors, or a
 * library such as the OCR engine): the worker's thread count and spin setting, full graph
 * optimisation, and onnxruntime's warnings kept out of worker logs.
 */
export function cpuSessionOptions(options: Pick<OpenSessionOptions, 'intraOpNumThreads' | 'spinWait'> = {}) {
  return {
    graphOptimizationLevel: 'all' as const,
    logSeverityLevel: 3 as const, // warnings about pruned initializers are noise in worker logs
    intraOpNumThreads: options.intraOpNumThreads ?? cpuThreadsPerModel(),
    // onnxruntime's own session config keys (session.intra_op.allow_spinning)
    extra: { session: { intra_op: { allow_spinning: (options.spinWait ?? cpuSpinWait()) ? '1' : '0' } } },
  };
}

/** Opens an ONNX model on a device; a missing or unreadable file is MODEL_UNAVAILABLE naming the path. */
export async function openSession(path: string, device: string, options: OpenSessionOptions = {}): Promise<OnnxSession> {
  if (!existsSync(path)) {
    throw new NodeError('MODEL_UNAVAILABLE', `ONNX model file not found: ${path} (put model.onnx there or fix the model directory)`);
  }
  if (!statSync(path).isFile()) {
    throw new NodeError('MODEL_UNAVAILABLE', `ONNX model path is not a file: ${path}`);
  }
  const providers = executionProviders(device, options);
  const ort = await loadOrt();
  try {
    return await ort.InferenceSession.create(path, { executionProviders: providers, ...cpuSessionOptions(options) });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    const hint = parseDevice(device).kind === 'cuda' ? ' (on a GPU device the worker also needs the CUDA execution provider libraries)' : '';
    throw new NodeError('MODEL_UNAVAILABLE', `cannot load ONNX model ${path} on ${device}: ${reason}${hint}`, { cause: error });
  }
}

/** An int64 tensor for token ids and masks. */
export function int64Tensor(ort: OrtModule, data: BigInt64Array, dims: readonly number[]): Ort.Tensor {
  return new ort.Tensor('int64', data, dims);
}

/** The float32 output named `name` (or the first output) of a run, with its shape. */
export function floatOutput(outputs: Ort.InferenceSession.OnnxValueMapType, name?: string): { data: Float32Array; dims: readonly number[] } {
  const key = name && name in outputs ? name : Object.keys(outputs)[0];
  const tensor = key === undefined ? undefined : outputs[key];
  if (!tensor || !(tensor.data instanceof Float32Array)) {
    throw new NodeError('MODEL_UNAVAILABLE', `the model has no float32 output${name ? ` named "${name}"` : ''} (got ${Object.keys(outputs).join(', ') || 'none'})`);
  }
  return { data: tensor.data, dims: tensor.dims };
}
