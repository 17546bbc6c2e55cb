/**
 * Serves a build the way deploy/nginx.conf does: the security headers, content types and caching of
 * src/lib/csp/policy.ts (`headersFor`), directory pages (with a redirect to the trailing slash), the
 * site's 404 page. The end-to-end run of playwright.headers.config.ts serves the build with it, so the
 * site is tested under exactly the headers a deployment sends.
 *
 *   node scripts/serve-headers.ts [--dir dist] [--base /] [--port 4324] [--host 127.0.0.1]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { headersFor } from '../src/lib/csp/policy.ts';

/** A server for the build in `root`, published under `base` ("/" or "/tinker/"). */
export function createHeadersServer(root: string, base = '/'): Server {
  const rootDir = resolve(root);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const send = (res: import('node:http').ServerResponse, status: number, urlPath: string, file: string, head: boolean) => {
    res.writeHead(status, { ...headersFor(urlPath), 'Content-Length': String(statSync(file).size) });
    if (head) res.end();
    else createReadStream(file).pipe(res);
  };
  return createServer((req, res) => {
    const head = req.method === 'HEAD';
    const notFound = () => {
      const page = join(rootDir, '404.html');
      if (existsSync(page)) send(res, 404, '/404.html', page, head);
      else res.writeHead(404, { ...headersFor('/404.txt') }).end('not found');
    };
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { ...headersFor('/405.txt'), Allow: 'GET, HEAD' }).end('method not allowed');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, headersFor('/400.txt')).end('bad request');
      return;
    }
    if (!path.startsWith(prefix)) return notFound();
    let file = normalize(join(rootDir, path.slice(prefix.length)));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return notFound();
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { ...headersFor('/301.txt'), Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = join(file, 'index.html');
      path += 'index.html';
    }
    if (!existsSync(file) || !statSync(file).isFile()) return notFound();
    send(res, 200, path, file, head);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'dist' },
      base: { type: 'string', default: process.env.BASE_PATH ?? '/' },
      port: { type: 'string', default: '4324' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  if (!existsSync(join(values.dir!, 'index.html'))) {
    console.error(`No build in ${values.dir}/: run \`npm run build\` (or pass --dir).`);
    process.exit(1);
  }
  const server = createHeadersServer(values.dir!, values.base);
  server.listen(Number(values.port), values.host, () => {
    console.log(`Serving ${values.dir}/ with the deployment headers at http://${values.host}:${values.port}${values.base}`);
  });
}
