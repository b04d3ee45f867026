import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A real forward proxy on 127.0.0.1 for the page loader's tests, as Squid or a corporate proxy
 * behaves: absolute-form requests for http pages, CONNECT tunnels for https ones, optional Basic
 * credentials (407 without them). `route` says where a host name really is, so tests can use names
 * only the proxy can resolve. What it was asked is recorded in order ("GET http://…", "CONNECT host:443").
 */
export interface TestProxy {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export interface TestProxyOptions {
  route(host: string): { host: string; port: number };
  /** "user:password" the proxy insists on */
  credentials?: string;
}

export async function startTestProxy(options: TestProxyOptions): Promise<TestProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const authorized = (req: IncomingMessage) => !options.credentials || req.headers['proxy-authorization'] === `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (!authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const to = options.route(target.hostname);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest({ host: to.host, port: to.port, method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket) => {
    requests.push(`CONNECT ${req.url}`);
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host] = (req.url ?? '').split(':');
    const to = options.route(host!);
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.once('error', () => client.destroy());
    client.once('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
