import type { RouterOutputs } from '../../lib/api-types';

/** Run shapes as the browser receives them (derived from the tRPC router: types only). */
export type RunEvent = RouterOutputs['run']['events'] extends AsyncIterable<infer T> ? T : never;
export type NodeEvent = Extract<RunEvent, { type: 'node' }>;
export type RunStatus = Extract<RunEvent, { type: 'run' }>['status'];
export type NodeStatus = NodeEvent['status'];
export type RunDetail = RouterOutputs['run']['byId'];
export type NodeRunRow = RunDetail['nodeRuns'][number];
export type RunListItem = RouterOutputs['run']['list']['items'][number];

export const TERMINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

export function isTerminal(status: string | null | undefined): boolean {
  return !!status && TERMINAL_RUN_STATUSES.has(status);
}
