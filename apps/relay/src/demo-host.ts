/**
 * The demo host page: a pretend customer site on ANOTHER origin than the relay, carrying exactly
 * the snippet a site owner would paste. Started by `scripts/start` (DEMO_PORT); not for production.
 */
import { createServer, type Server } from 'node:http';
import { renderSnippet } from '@parley/widget';

/** JSON that can sit inside a <script> element: `</script>` in the string must not end the element. */
function scriptSafeJson(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function demoPageHtml(snippet: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Outdoor — Parley demo host page</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f7f2; }
  header { background: #2f5d50; color: #fff; padding: 1.5rem 2rem; }
  main { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
  pre { background: #fff; border: 1px solid #d9d9cf; padding: 1rem; overflow: auto; font-size: 13px; }
</style>
${snippet}
</head>
<body>
<header><h1>Acme Outdoor</h1><p>A pretend shop on its own origin, to show Parley as a guest on someone else's page.</p></header>
<main>
  <h2>Tents, stoves and good advice</h2>
  <p>Click the chat bubble in the corner and write to the team. Sign in to the console in another window to answer.</p>
  <h3>The snippet on this page</h3>
  <pre id="snippet"></pre>
</main>
<script>document.getElementById('snippet').textContent = ${scriptSafeJson(snippet)};</script>
</body>
</html>`;
}

export interface DemoHost {
  url: string;
  close(): Promise<void>;
}

export function startDemoHost(opts: { port: number; host: string; relayOrigin: string; siteKey: string }): Promise<DemoHost> {
  const html = demoPageHtml(renderSnippet({ relayOrigin: opts.relayOrigin, siteKey: opts.siteKey }));
  const server: Server = createServer((request, response) => {
    if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(html);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      resolve({
        url: `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
