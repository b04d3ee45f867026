import type { ReactFlowInstance } from '@xyflow/react';

type Flow = Pick<ReactFlowInstance, 'screenToFlowPosition'>;

/** Where the canvas (React Flow's pane, without the status bar under it) is on screen, once drawn. */
export function canvasRect(): DOMRect | null {
  return document.querySelector('.flow-wrap')?.getBoundingClientRect() ?? null;
}

/**
 * The flow position at the middle of the visible canvas, less `offset` (half the size of what is placed
 * there, so it lands centred): where the keyboard paths add nodes and notes.
 */
export function viewCenter(flow: Flow, offset: { x: number; y: number }): { x: number; y: number } {
  const canvas = canvasRect();
  if (!canvas) return { x: 0, y: 0 };
  return flow.screenToFlowPosition({ x: canvas.left + canvas.width / 2 - offset.x, y: canvas.top + canvas.height / 2 - offset.y });
}

/** Whether a box (in flow coordinates) is wholly in view; true before the canvas is drawn. */
export function inView(flow: Flow, at: { x: number; y: number }, size: { width: number; height: number }): boolean {
  const canvas = canvasRect();
  if (!canvas) return true;
  const topLeft = flow.screenToFlowPosition({ x: canvas.left, y: canvas.top });
  const bottomRight = flow.screenToFlowPosition({ x: canvas.right, y: canvas.bottom });
  return at.x >= topLeft.x && at.y >= topLeft.y && at.x + size.width <= bottomRight.x && at.y + size.height <= bottomRight.y;
}
