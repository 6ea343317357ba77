/**
 * Serves the host pages on 127.0.0.1:<port>, an origin other than the relay's, as a customer's site is.
 * A second one serves the floor variant's empty script from yet another origin, as a third party would.
 */
import { createServer } from 'node:http';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export function startPageServer(port: number, pages: Record<string, string>): Promise<PageServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const body = pages[path];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // no-store: every run pays for the page itself, so only the widget's caching can differ.
    const type = path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
