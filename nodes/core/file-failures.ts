import { MAX_LISTED_FAILURES, type FileFailure, type FileFailuresValue } from './values';

/** A listed failure's message is cut at this many characters (a parser library's error can be long). */
const MAX_MESSAGE_CHARS = 1000;

/** Every failure counted, the first MAX_LISTED_FAILURES listed (messages cut to MAX_MESSAGE_CHARS): a node's `failures` output. */
export function listFailures(failures: readonly FileFailure[]): FileFailuresValue {
  return {
    count: failures.length,
    files: failures.slice(0, MAX_LISTED_FAILURES).map(({ file, code, message }) => ({
      file,
      code,
      message: message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message,
    })),
  };
}

/** The message a node fails with when none of its inputs worked: the one reason, or each of them. */
export function noneWorkedMessage(failures: readonly FileFailure[], what: string): string {
  const listed = listFailures(failures);
  if (failures.length === 1) return failures[0]!.message;
  const unlisted = listed.count - listed.files.length;
  return `none of the ${failures.length} ${what}: ${listed.files.map((f) => `${f.file} (${f.code}): ${f.message}`).join('; ')}${unlisted > 0 ? `; and ${unlisted} more` : ''}`;
}
