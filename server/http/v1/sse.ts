import type { RunEvent, Runner } from '../../../runners/index';
import { log } from '../../log';

/** Server-sent events: `event:`/`data:` frames, a keep-alive comment every 15 s so proxies keep the stream. */
export interface SseWriter {
  /** a frame; `name` undefined sends a bare `data:` frame (what OpenAI streams use) */
  send(name: string | undefined, data: unknown): void;
  /** raw `data:` text, e.g. OpenAI's `[DONE]` */
  sendRaw(data: string): void;
  readonly closed: boolean;
}

const KEEP_ALIVE_MS = 15_000;

export function sseResponse(produce: (writer: SseWriter) => Promise<void>, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  let closed = false;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      const writer: SseWriter = {
        send: (name, data) => write(`${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(data)}\n\n`),
        sendRaw: (data) => write(`data: ${data}\n\n`),
        get closed() {
          return closed;
        },
      };
      keepAlive = setInterval(() => write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      produce(writer)
        .catch((error: unknown) => {
          log.error('[api/v1] stream failed:', error);
          writer.send('error', { error: { code: 'INTERNAL', message: 'the stream failed; the error is in the server log' } });
        })
        .finally(() => {
          clearInterval(keepAlive);
          if (!closed) {
            closed = true;
            controller.close();
          }
        });
    },
    cancel() {
      closed = true;
      clearInterval(keepAlive);
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no', ...headers },
  });
}

export type TerminalRunEvent = Extract<RunEvent, { type: 'run' }>;

/**
 * Feeds a run's events to `onEvent` until the run ends (resolves with its final event) or the client
 * goes away (resolves null; the run goes on and stays in the history).
 */
export function followRun(runner: Runner, runId: string, onEvent: (event: RunEvent) => void, isGone: () => boolean): Promise<TerminalRunEvent | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: TerminalRunEvent | null) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      unsubscribe();
      resolve(value);
    };
    const unsubscribe = runner.subscribe(runId, (event) => {
      if (done) return;
      onEvent(event);
      if (event.type === 'run' && (event.status === 'succeeded' || event.status === 'failed' || event.status === 'cancelled')) finish(event);
    });
    const poll = setInterval(() => isGone() && finish(null), 1000);
  });
}
