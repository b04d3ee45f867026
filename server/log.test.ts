import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './log';

describe('log', () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved;
  });

  function linesAt(level: string | undefined): string[] {
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
    const lines: string[] = [];
    for (const stream of ['log', 'warn', 'error'] as const) vi.spyOn(console, stream).mockImplementation((line: string) => void lines.push(`${stream}:${line}`));
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    vi.restoreAllMocks();
    return lines;
  }

  it('writes the configured level and those above it, info by default', () => {
    expect(linesAt(undefined)).toEqual(['log:i', 'warn:w', 'error:e']);
    expect(linesAt('debug')).toEqual(['log:d', 'log:i', 'warn:w', 'error:e']);
    expect(linesAt('warn')).toEqual(['warn:w', 'error:e']);
    expect(linesAt('error')).toEqual(['error:e']);
  });
});
