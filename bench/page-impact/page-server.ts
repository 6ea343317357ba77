/** Serves the host pages on 127.0.0.1:<port>, an origin other than the relay's, as a customer's site is. */
import { createServer } from 'node:http';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export function startPageServer(port: number, pages: Record<string, string>): Promise<PageServer> {
  const server = createServer((request, response) => {
    const html = pages[new URL(request.url ?? '/', 'http://host').pathname];
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // no-store: every run pays for the page itself, so only the widget's caching can differ.
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
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
