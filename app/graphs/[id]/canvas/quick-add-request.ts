import { portNamed } from '../../../../nodes/core/ports';
import type { GraphSpec } from '../../../../nodes/core/spec';
import { editorCatalog } from '../../../lib/editor/catalog';
import type { OpenConnection } from '../../../lib/editor/store';
import type { QuickAddRequest } from './quick-add-menu';
import { canvasRect } from './view-center';

/**
 * What the quick-add menu needs for a connection dropped on empty canvas from `port` of `nodeId`: the
 * open end's kind, where the drop was (in the canvas and on screen). A string when there is nothing
 * to offer and the user should be told why (an input that takes one connection already has one);
 * null when the port is unknown (an edge into a port the node type lacks).
 */
export function quickAddRequest(
  spec: GraphSpec,
  nodeId: string,
  port: string,
  handleType: 'source' | 'target',
  event: MouseEvent | TouchEvent,
): (QuickAddRequest & { from: OpenConnection; client: { x: number; y: number } }) | string | null {
  const node = spec.nodes.find((n) => n.id === nodeId);
  const definition = node && editorCatalog.get(node.type, node.typeVersion);
  const side = handleType === 'source' ? 'output' : 'input';
  const definitionPort = portNamed(side === 'output' ? definition?.outputs : definition?.inputs, port);
  if (!definitionPort) return null;
  if (side === 'input' && !definitionPort.multiple && spec.edges.some((e) => e.to.node === nodeId && e.to.port === port)) {
    return `Input "${port}" of ${nodeId} takes one connection and already has one: delete that edge first`;
  }
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (!point) return null;
  const client = { x: point.clientX, y: point.clientY };
  const origin = canvasRect() ?? { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
  return {
    end: { kind: definitionPort.kind, side },
    portLabel: `${nodeId}.${port}`,
    at: { x: client.x - origin.left, y: client.y - origin.top },
    bounds: { width: origin.width, height: origin.height },
    from: { node: nodeId, port, side },
    client,
  };
}
