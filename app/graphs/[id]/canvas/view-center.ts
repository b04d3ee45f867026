import type { ReactFlowInstance } from '@xyflow/react';

/**
 * The flow position at the middle of the visible canvas, less `offset` (half the size of what is placed
 * there, so it lands centred): where the keyboard paths add nodes and notes.
 */
export function viewCenter(flow: Pick<ReactFlowInstance, 'screenToFlowPosition'>, offset: { x: number; y: number }): { x: number; y: number } {
  const canvas = document.querySelector('.editor-canvas')?.getBoundingClientRect();
  if (!canvas) return { x: 0, y: 0 };
  return flow.screenToFlowPosition({ x: canvas.left + canvas.width / 2 - offset.x, y: canvas.top + canvas.height / 2 - offset.y });
}
