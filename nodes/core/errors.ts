/** Typed errors: every failure a user can cause carries a code and names what to fix. */

export const GRAPH_ERROR_CODES = [
  'UNSUPPORTED_SCHEMA_VERSION',
  'DUPLICATE_ID',
  'UNKNOWN_NODE_TYPE',
  'UNKNOWN_PORT',
  'INCOMPATIBLE_PORTS',
  'INPUT_ALREADY_CONNECTED',
  'DUPLICATE_EDGE',
  'CYCLE',
  'MISSING_REQUIRED_INPUT',
  'DANGLING_EDGE',
  'INVALID_CONFIG',
  'NO_ENTRY',
  'NO_EXIT',
  'INVALID_SPEC',
] as const;
export type GraphErrorCode = (typeof GRAPH_ERROR_CODES)[number];

export interface GraphIssue {
  code: GraphErrorCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  port?: string;
  /** for INVALID_CONFIG: the path inside the node's config. */
  path?: (string | number)[];
}

export class GraphValidationError extends Error {
  readonly issues: GraphIssue[];
  constructor(issues: GraphIssue[]) {
    const first = issues[0];
    super(
      issues.length === 1 && first
        ? first.message
        : `the graph has ${issues.length} problems: ${issues.map((i) => i.message).join('; ')}`,
    );
    this.name = 'GraphValidationError';
    this.issues = issues;
  }
}

export const NODE_ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_CONFIG',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_FILE',
  'EMPTY_INPUT',
  'TOO_LARGE',
  'NOT_FOUND',
  'DIMENSION_MISMATCH',
  'MODEL_UNAVAILABLE',
  'REMOTE_ERROR',
  'REMOTE_UNREACHABLE',
  'TIMEOUT',
  'DEADLINE_EXCEEDED',
  'CANCELLED',
  'NOT_IMPLEMENTED',
  'INTERNAL',
] as const;
export type NodeErrorCode = (typeof NODE_ERROR_CODES)[number];

/** Errors thrown by node executors. `retryable` tells the runner whether another attempt can help. */
export class NodeError extends Error {
  readonly code: NodeErrorCode;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;
  constructor(
    code: NodeErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NodeError';
    this.code = code;
    this.retryable = options.retryable ?? (code === 'REMOTE_UNREACHABLE' || code === 'TIMEOUT');
    this.details = options.details;
  }
}

export function isNodeError(error: unknown): error is NodeError {
  return error instanceof Error && error.name === 'NodeError' && 'code' in error;
}
