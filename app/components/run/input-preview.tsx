import { JsonView } from './json-view';
import './run.css';

/** How the runner records an input that is exactly an upstream node's output (runners/input-preview.ts). */
interface OutputRef {
  $output: { node: string; port: string };
}

const isOutputRef = (value: unknown): value is OutputRef => typeof (value as OutputRef | null)?.$output?.node === 'string';

/**
 * A node's input preview. Inputs that are an upstream node's output are listed as "port ← output of
 * node" with a link to that node, where their preview is; the rest show as JSON.
 */
export function InputPreview({ value, nodeId, onSelectNode }: { value: unknown; nodeId: string; onSelectNode?: (nodeId: string) => void }) {
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  const refs = entries.flatMap(([port, v]) => (Array.isArray(v) && v.length > 0 && v.every(isOutputRef) ? v.map((ref) => ({ port, ref })) : isOutputRef(v) ? [{ port, ref: v }] : []));
  const rest = Object.fromEntries(entries.filter(([port]) => !refs.some((r) => r.port === port)));
  return (
    <>
      {refs.length > 0 && (
        <ul className="input-refs" aria-label={`Inputs of ${nodeId} from other nodes`}>
          {refs.map(({ port, ref }) => (
            <li key={`${port}:${ref.$output.node}:${ref.$output.port}`}>
              <span className="mono">{port}</span> ← output <span className="mono">{ref.$output.port}</span> of{' '}
              {onSelectNode ? (
                <button type="button" className="link-button" onClick={() => onSelectNode(ref.$output.node)}>
                  {ref.$output.node}
                </button>
              ) : (
                <span className="mono">{ref.$output.node}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {(refs.length === 0 || Object.keys(rest).length > 0) && <JsonView value={refs.length === 0 ? (value ?? undefined) : rest} label={`Input preview of ${nodeId}`} />}
    </>
  );
}
