import type { Server } from 'node:http';

/**
 * Requests Node refuses before any handler sees them get the API's JSON error body instead of
 * Node's empty one: above all a request line and headers over Node's 16 KB limit (431), which a
 * tRPC query meets when its input rides in the URL.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'HEADERS_TOO_LARGE', message: 'the request line and headers are over 16 KB: send large input in a POST body (tRPC queries may be POSTed too)' }
        : { code: 'BAD_REQUEST', message: 'the request is not valid HTTP' },
    });
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
