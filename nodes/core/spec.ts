import { z } from 'zod';

/** The stored model of a graph. The editor maps React Flow state to and from this; it never stores canvas state. */
export const CURRENT_SCHEMA_VERSION = 1;
export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;

export const LIMITS = { nodes: 500, edges: 2000, notes: 100, noteText: 4000, idLength: 64, configBytes: 64 * 1024 } as const;

const elementId = z
  .string()
  .min(1, 'ids may not be empty')
  .max(LIMITS.idLength, `ids are at most ${LIMITS.idLength} characters`)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, "_", ".", ":" and "-" only');

export const nodeSpec = z.object({
  id: elementId,
  type: z.string().min(1).max(100),
  typeVersion: z.number().int().positive(),
  config: z.record(z.string(), z.unknown()).default({}),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  /** a display name chosen by the user; not part of the semantics. */
  label: z.string().max(200).optional(),
});
export type NodeSpec = z.infer<typeof nodeSpec>;

export const portRef = z.object({ node: elementId, port: z.string().min(1).max(64) });
export type PortRef = z.infer<typeof portRef>;

export const edgeSpec = z.object({ id: elementId, from: portRef, to: portRef });
export type EdgeSpec = z.infer<typeof edgeSpec>;

/**
 * A sticky note on the canvas: text the author leaves for readers of the graph (why a weight was
 * chosen, what a branch is for). Like positions, notes do not change what the graph does: they are
 * outside its hash and the runner never reads them.
 */
export const noteSpec = z.object({
  id: elementId,
  text: z.string().max(LIMITS.noteText, `a note holds at most ${LIMITS.noteText} characters`),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
  width: z.number().finite().min(80).max(2000).optional(),
  height: z.number().finite().min(40).max(2000).optional(),
});
export type NoteSpec = z.infer<typeof noteSpec>;

/**
 * Structural schema only: semantic checks (types, ports, cycles) live in validate.ts so that they can
 * report the element at fault with a code. `schemaVersion` is any positive integer here so an
 * unsupported one gets its own error rather than a generic parse failure.
 */
export const graphSpec = z.object({
  schemaVersion: z.number().int().positive(),
  nodes: z.array(nodeSpec).max(LIMITS.nodes, `a graph has at most ${LIMITS.nodes} nodes`),
  edges: z.array(edgeSpec).max(LIMITS.edges, `a graph has at most ${LIMITS.edges} edges`),
  /** absent in graphs saved before notes existed; an empty list and none mean the same. */
  notes: z.array(noteSpec).max(LIMITS.notes, `a graph has at most ${LIMITS.notes} notes`).optional(),
});
export type GraphSpec = z.infer<typeof graphSpec>;

export function emptySpec(): GraphSpec {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [], edges: [] };
}
