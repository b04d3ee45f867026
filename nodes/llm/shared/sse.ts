/**
 * Server-sent events reader (the WHATWG event-stream format that OpenAI-compatible servers stream):
 * lines end with \n, \r\n or \r; `data:` lines accumulate (joined with \n) until a blank line
 * dispatches the event; lines starting with ':' are comments (keep-alives). Yields each event's data.
 */
export async function* readSseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: RegExpExecArray | null;
      // a trailing \r may be the first half of \r\n: wait for more bytes unless the stream ended
      while ((newline = /\r\n|\n|\r(?!$)/.exec(buffer)) || (done && (newline = /\r/.exec(buffer)))) {
        const line = buffer.slice(0, newline.index);
        buffer = buffer.slice(newline.index + newline[0].length);
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        // other fields (event:, id:, retry:) and comments carry nothing these clients use
      }
      if (done) break;
    }
    // be lenient with servers that close without the final blank line
    if (buffer.startsWith('data:')) data.push(buffer.slice(buffer.startsWith('data: ') ? 6 : 5));
    if (data.length) yield data.join('\n');
  } finally {
    reader.releaseLock();
  }
}
