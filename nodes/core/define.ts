import type { z } from 'zod';
import './zod-messages';
import type { PortDefinition, PortKind, PortMap } from './ports';

export const NODE_CATEGORIES = [
  'io',
  'parse',
  'chunk',
  'embed',
  'store',
  'retrieve',
  'rerank',
  'prompt',
  'llm',
  'guard',
  'route',
  'util',
] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

export type DeviceClass = 'cpu' | 'gpu' | 'any';

export interface NodeResources {
  /**
   * Where the node prefers to run: `any` on whatever worker takes it (on its CPU), `cpu` the same
   * for CPU-bound work, `gpu` on a GPU when one is there (queued to GPU workers while any is alive,
   * placed on a worker's GPU) and on the CPU otherwise.
   */
  device: DeviceClass;
  /** memory the loaded model needs on its device, for placement. */
  memoryMB?: number;
  /**
   * The executor is pure CPU work in JavaScript (no `ctx.sql`): the runner runs it in a pool of
   * worker threads so that concurrent batches use every core instead of blocking the event loop.
   * Unbatched executors run there too. On a thread, `ctx.emit` events are delivered when the work
   * ends, and `ctx.signal` fires when the node is cancelled or times out (for a merged batch, not
   * until the batch ends).
   */
  threaded?: boolean;
  /**
   * The model's runtime spreads each call over every core itself (ONNX Runtime's operator threads):
   * the runner gives each (model, device) a thread of its own and runs one batch there at a time,
   * so the event loop stays free while the model works. Like `threaded`, no `ctx.sql`.
   */
  ownThread?: boolean;
}

export interface BatchSettings {
  maxBatchSize: number;
  maxLatencyMs: number;
}

/**
 * Entry and exit nodes define a graph's public interface: entry nodes contribute fields to the run
 * input, exit nodes to the run output (an endpoint's request and response schemas).
 */
export type NodeRole = 'entry' | 'exit';

export interface NodeDefinition<
  I extends PortMap = PortMap,
  O extends PortMap = PortMap,
  C extends z.ZodType = z.ZodType,
> {
  type: string;
  typeVersion: number;
  title: string;
  category: NodeCategory;
  description: string;
  inputs: I;
  outputs: O;
  /** zod schema of the config; the editor generates its form from it (descriptions, defaults, bounds). */
  config: C;
  resources: NodeResources;
  batch?: BatchSettings;
  /** default per-attempt timeout; a node's config may set `timeoutMs` to override it (see below). */
  timeoutMs?: number;
  /**
   * What the config's `timeoutMs` limits: the whole attempt (default), or each request the node sends
   * to a server. A node that sends many requests in one attempt (an embedder over thousands of
   * chunks) keeps the definition's `timeoutMs` as its attempt's limit then.
   */
  configTimeoutLimits?: 'attempt' | 'request';
  /** default number of retries after a retryable failure. */
  retries?: number;
  role?: NodeRole;
  /**
   * For entry nodes: the run-input fields this node reads (merged into the graph's input schema).
   * For exit nodes: the run-output fields it writes. Receives the node's config (a field name may be
   * configurable).
   */
  io?(config: z.infer<C>): z.ZodObject;
  /** true for placeholders whose executor is not written yet: validation warns, runs refuse. */
  experimental?: boolean;
}

export type AnyNodeDefinition = NodeDefinition<PortMap, PortMap, z.ZodType>;

export function defineNode<const I extends PortMap, const O extends PortMap, C extends z.ZodType>(
  definition: NodeDefinition<I, O, C>,
): NodeDefinition<I, O, C> {
  return definition;
}

/** Identifies a definition across versions: `type@typeVersion`. */
export function definitionKey(type: string, typeVersion: number): string {
  return `${type}@${typeVersion}`;
}

export type PortOf<P> = P extends PortDefinition<infer K> ? K : PortKind;
