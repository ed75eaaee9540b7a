import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForeignSite {
  /** http://127.0.0.1:<another port>: same machine, another origin. */
  url: string;
  close(): Promise<void>;
}

/**
 * A page on another origin that tries to use the app's API with a stolen launch token, the way a
 * malicious site open in the same browser would. It writes what it got into #result:
 * "data:<body>" if the API answered it, "refused:<error>" if the browser never handed it a response.
 */
export async function startForeignSite(apiUrl: string, launchToken: string): Promise<ForeignSite> {
  const js = (v: string): string => JSON.stringify(v).replace(/</g, '\\u003c');
  const page = `<!doctype html>
<html><head><title>Another site</title></head>
<body>
<pre id="result">pending</pre>
<script>
  const out = document.getElementById('result');
  fetch(${js(apiUrl)}, {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + ${js(launchToken)}, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'auth.status', input: {} }),
  })
    .then((r) => r.text())
    .then((t) => { out.textContent = 'data:' + t; }, (e) => { out.textContent = 'refused:' + e; });
  // A "simple" request (what a form post could send) skips the preflight and reaches the server itself.
  fetch(${js(apiUrl)}, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"method":"auth.status","input":{}}' })
    .then(() => { document.body.dataset.simpleDone = 'yes'; }, () => { document.body.dataset.simpleDone = 'error'; });
</script>
</body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
