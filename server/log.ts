/**
 * The server's and workers' log lines, by level: LOG_LEVEL (debug, info, warn, error; default info)
 * hides the levels below it. Lines go to the console (stdout for debug and info, stderr for warn and
 * error), where the process manager collects them. Read per line, so a test or a restart with a new
 * level needs no reload; server/env.ts refuses an unknown level at start.
 */
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number];

function enabled(level: LogLevel): boolean {
  const configured = LEVELS.indexOf((process.env.LOG_LEVEL ?? 'info') as LogLevel);
  return LEVELS.indexOf(level) >= (configured < 0 ? 1 : configured);
}

function at(level: LogLevel, write: (...args: unknown[]) => void) {
  return (...args: unknown[]): void => {
    if (enabled(level)) write(...args);
  };
}

export const log = {
  debug: at('debug', (...args) => console.log(...args)),
  info: at('info', (...args) => console.log(...args)),
  warn: at('warn', (...args) => console.warn(...args)),
  error: at('error', (...args) => console.error(...args)),
};
