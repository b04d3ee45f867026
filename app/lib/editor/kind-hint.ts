import { latestDefinitions, type NodeCatalog } from '../../../nodes/core/catalog-types';
import { canConnect, type PortKind } from '../../../nodes/core/ports';

const MAX_NAMED = 3;

/**
 * Where a value an input of kind `to` takes comes from, in words ("prompt" comes from Prompt
 * template), so a refused connection says what to put in front of that input rather than only what
 * does not fit.
 */
export function kindHint(catalog: NodeCatalog, to: PortKind): string | undefined {
  const makers = latestDefinitions(catalog)
    .filter((d) => Object.values(d.outputs).some((p) => canConnect(p.kind, to).ok))
    .map((d) => d.title);
  if (!makers.length) return undefined;
  const named = makers.slice(0, MAX_NAMED).join(', ');
  const rest = makers.length - MAX_NAMED;
  return `"${to}" comes from ${named}${rest > 0 ? ` and ${rest} more` : ''}`;
}
