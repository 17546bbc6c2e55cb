/**
 * A small static file server for the offline tests (e2e/offline.spec.ts): serves a build folder
 * under a base path, can be stopped (the network really goes away, not only emulated offline), and
 * can serve a changed sw.js, as a new deployment would.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { CONTENT_TYPES } from '../src/lib/csp/policy.ts';

export interface StaticServer {
  origin: string;
  /** Appended to sw.js from now on: a new deployment of the worker. */
  setWorkerSuffix(suffix: string): void;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, base: string, port: number): Promise<StaticServer> {
  let workerSuffix = '';
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    if (path === `${base}sw.js` && workerSuffix) {
      const { readFile } = await import('node:fs/promises');
      const body = `${await readFile(file, 'utf8')}\n${workerSuffix}\n`;
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' }).end(body);
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size, 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    setWorkerSuffix: (suffix) => {
      workerSuffix = suffix;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
