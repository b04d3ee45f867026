import { defineExecutor } from '../../core/context';
import { isNodeError, NodeError, type NodeErrorCode } from '../../core/errors';
import { listFailures, noneWorkedMessage } from '../../core/file-failures';
import type { DocumentValue, FileFailure } from '../../core/values';
import { parseDocument } from './definition';
import { parseFile } from './parse-file';

interface ParseFailure extends FileFailure {
  code: NodeErrorCode;
}

/** Failures that are not about one file: they would hit every file, so they fail the node. */
const NODE_WIDE: readonly NodeErrorCode[] = ['CANCELLED', 'TIMEOUT', 'DEADLINE_EXCEEDED', 'MODEL_UNAVAILABLE'];

/**
 * Parses files one after another (parsers are CPU-bound; the runner parallelises across runs).
 * A bad file fails alone: it is reported on the `failures` output (count, and the first 50 with
 * code and message), as a `log` event at level error and in the node's trace metrics, and the other
 * documents are returned. When no file parses, the node throws the first failure's code with every
 * file's reason. `failOnError` makes the first bad file fatal.
 */
export const parseDocumentExecutor = defineExecutor(parseDocument, {
  async execute(ctx, inputs, config) {
    if (inputs.files.length === 0) throw new NodeError('EMPTY_INPUT', 'no files to parse');
    const documents: DocumentValue[] = [];
    const failures: ParseFailure[] = [];
    const seen = new Set<string>();
    for (const file of inputs.files) {
      if (ctx.signal.aborted) throw new NodeError('CANCELLED', 'parsing was cancelled');
      try {
        const sourceId = file.sourceId ?? file.name;
        if (seen.has(sourceId)) {
          throw new NodeError('INVALID_INPUT', `"${file.name}": another file in this run has the source id "${sourceId}"; give each file a distinct name or sourceId`);
        }
        seen.add(sourceId);
        documents.push(await parseFile(ctx, file, config));
      } catch (error) {
        if (isNodeError(error) && NODE_WIDE.includes(error.code)) throw error;
        const failure: ParseFailure = isNodeError(error)
          ? { file: file.name, code: error.code, message: error.message }
          : { file: file.name, code: 'CORRUPT_FILE', message: `"${file.name}" could not be parsed: ${error instanceof Error ? error.message : String(error)}` };
        if (config.failOnError) throw new NodeError(failure.code, failure.message, { cause: error, details: { file: file.name } });
        failures.push(failure);
        ctx.emit({ type: 'log', data: { level: 'error', ...failure } });
      }
    }
    const listed = listFailures(failures);
    ctx.record({ filesParsed: documents.length, filesFailed: failures.length, ...(failures.length > 0 ? { failures: listed.files } : {}) });
    if (documents.length === 0) {
      throw new NodeError(failures[0]!.code, noneWorkedMessage(failures, 'files could be parsed'), { details: { failures: listed.files, failed: listed.count } });
    }
    return { documents, failures: listed };
  },
});
