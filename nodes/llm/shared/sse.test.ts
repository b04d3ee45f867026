import { describe, expect, it } from 'vitest';
import { readSseData } from './sse';

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

async function collect(parts: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const d of readSseData(streamOf(parts))) out.push(d);
  return out;
}

describe('readSseData', () => {
  it('yields one data string per event, across arbitrary chunk splits', async () => {
    const text = 'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    const whole = await collect([text]);
    expect(whole).toEqual(['{"a":1}', '{"b":2}', '[DONE]']);
    // every split point, including inside "data:" and between \r and \n
    for (let i = 1; i < text.length; i++) expect(await collect([text.slice(0, i), text.slice(i)])).toEqual(whole);
  });

  it('handles CRLF and CR line ends, comments, other fields and multi-line data', async () => {
    expect(await collect([': keep-alive\r\nevent: message\r\nid: 7\r\ndata: line1\r\ndata:line2\r\n\r\ndata: x\r\rdata: y\r\r'])).toEqual([
      'line1\nline2',
      'x',
      'y',
    ]);
    expect(await collect(['data: a\r', '\ndata: b\r', '\n\r\n'])).toEqual(['a\nb']);
  });

  it('keeps multi-byte characters split across chunks intact and tolerates a missing final blank line', async () => {
    const bytes = new TextEncoder().encode('data: héllo ✓\n\ndata: end');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(new Uint8Array([b]));
        c.close();
      },
    });
    const out: string[] = [];
    for await (const d of readSseData(stream)) out.push(d);
    expect(out).toEqual(['héllo ✓', 'end']);
  });
});
