import type { PortValue } from './values';
import type { AnyNodeDefinition, NodeDefinition } from './define';
import type { PortDefinition, PortMap } from './ports';
import type { z } from 'zod';

/**
 * What an executor sees of the runner. Services are interfaces so that node code never imports the
 * server or the runner; the runner passes implementations in.
 */

/** Raw SQL access; the vector store node talks to Postgres through this. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection with these settings in force (e.g. hnsw.ef_search). Outside a
   * transaction the settings stay on the connection and are only sent when they differ from what it
   * already has, so a hot query pays no extra round trips; inside one they are SET LOCAL.
   */
  withSettings<T>(settings: Record<string, string | number>, fn: (sql: SqlClient) => Promise<T>): Promise<T>;
}

/** A SqlClient for places that have no database (CPU threads, tests, benchmarks): every call fails with `reason`. */
export function noDatabase(reason: string): SqlClient {
  const fail = () => Promise.reject(new Error(reason));
  return { query: fail, execute: fail, transaction: fail, withSettings: fail };
}

/** Keeps models loaded per (model, device) across runs. */
export interface ModelHost {
  /** returns the warm instance for `key`, loading it once with `load`. */
  get<T>(key: string, load: () => Promise<T>, options?: { memoryMB?: number; dispose?: (model: T) => unknown }): Promise<T>;
}

export interface NodeEvent {
  type: 'token' | 'progress' | 'log';
  data: unknown;
}

export interface NodeMetrics {
  /** measured by LLM nodes */
  promptTokens?: number;
  completionTokens?: number;
  ttftMs?: number;
  tpotMs?: number;
  [key: string]: unknown;
}

export interface NodeContext {
  runId: string;
  nodeId: string;
  attempt: number;
  /** the device this execution was placed on, e.g. `cpu` or `cuda:0`. */
  device: string;
  /** aborted on timeout or cancellation; pass it to fetch and long loops. */
  signal: AbortSignal;
  sql: SqlClient;
  models: ModelHost;
  /** the run's input (entry nodes read their fields from it). */
  runInput: Record<string, unknown>;
  /**
   * By input port, the ids of the nodes whose values arrived, in the order of the values: for a
   * `multiple` input, which upstream node gave each value of its array.
   */
  inputFrom: Readonly<Record<string, readonly string[]>>;
  /** exit nodes write their fields of the run's output. */
  setOutput(fields: Record<string, unknown>): void;
  emit(event: NodeEvent): void;
  /** records metrics on this node's trace span (tokens, TTFT, ...). */
  record(metrics: NodeMetrics): void;
}

type ValueOfPort<P extends PortDefinition> = P['multiple'] extends true
  ? PortValue<P['kind']>[]
  : P['required'] extends false
    ? PortValue<P['kind']> | undefined
    : PortValue<P['kind']>;

export type InputsOf<I extends PortMap> = { [K in keyof I]: ValueOfPort<I[K]> };
/** Outputs may be partial: a port that does not emit skips what hangs off it (routers, guardrails). */
export type OutputsOf<O extends PortMap> = { [K in keyof O]?: PortValue<O[K]['kind']> };

export interface BatchItem<D extends AnyNodeDefinition> {
  ctx: NodeContext;
  inputs: InputsOf<D['inputs']>;
  config: z.infer<D['config']>;
}

/** The server-only half of a node: how it runs. */
export interface NodeExecutor<D extends AnyNodeDefinition = AnyNodeDefinition> {
  definition: D;
  /**
   * Identifies the model an execution needs (for warm placement and batching); executions with the
   * same key may be batched together. Undefined for nodes without a model.
   */
  modelKey?(config: z.infer<D['config']>): string | undefined;
  /** how much work one item is, in the units `maxBatchSize` counts (texts, pairs); default 1. */
  batchWeight?(inputs: InputsOf<D['inputs']>): number;
  /**
   * The most work (in batchWeight units) one model call of this node takes, from its config (its
   * batch size). Requests are merged up to it and no further: merging more only makes a request
   * wait for model calls on other requests' texts. Default: the node type's maxBatchSize.
   */
  modelBatchSize?(config: z.infer<D['config']>): number;
  /**
   * How long an item's inputs are (characters of its texts), for models that pad a call to its
   * longest row: when several batches leave together, items of similar length share one.
   */
  batchLength?(inputs: InputsOf<D['inputs']>): number;
  execute?(ctx: NodeContext, inputs: InputsOf<D['inputs']>, config: z.infer<D['config']>): Promise<OutputsOf<D['outputs']>>;
  executeBatch?(items: BatchItem<D>[]): Promise<OutputsOf<D['outputs']>[]>;
}

export function defineExecutor<I extends PortMap, O extends PortMap, C extends z.ZodType>(
  definition: NodeDefinition<I, O, C>,
  executor: Omit<NodeExecutor<NodeDefinition<I, O, C>>, 'definition'>,
): NodeExecutor {
  if (!executor.execute && !executor.executeBatch) {
    throw new Error(`${definition.type}: an executor needs execute or executeBatch`);
  }
  return { definition, ...executor } as unknown as NodeExecutor;
}
