/**
 * A progress line on stderr (stdout stays machine-readable): done/total, rate and ETA. Redrawn in
 * place on a terminal; elsewhere (CI logs, pipes) printed as a new line at most every 5 seconds.
 */
export interface Progress {
  tick(done: number): void;
  finish(): void;
}

export function progressBar(label: string, total: number | undefined, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let lastPrint = 0;
  let done = 0;
  const render = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const parts = [`${label} ${done}${total ? `/${total}` : ''} ${unit}`, `${rate.toFixed(1)} ${unit}/s`];
    if (total && rate > 0) {
      const width = 24;
      const filled = Math.min(width, Math.round((done / total) * width));
      parts.unshift(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
      parts.push(`ETA ${formatSeconds((total - done) / rate)}`);
    }
    return parts.join('  ');
  };
  return {
    tick(value) {
      done = value;
      const now = performance.now();
      if (stream.isTTY) {
        if (now - lastPrint < 100) return;
        stream.write(`\r${render()}\x1b[K`);
      } else {
        if (now - lastPrint < 5000) return;
        stream.write(`${render()}\n`);
      }
      lastPrint = now;
    },
    finish() {
      stream.write(`${stream.isTTY ? '\r' : ''}${render()}  (${formatSeconds((performance.now() - started) / 1000)})${stream.isTTY ? '\x1b[K' : ''}\n`);
    },
  };
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
