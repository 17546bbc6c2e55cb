/**
 * Serves a build with nginx and deploy/nginx.conf itself (not a copy): the configuration the
 * Dockerfile installs, with only its paths and port changed for a local run. The headers end-to-end
 * run uses it when nginx is installed (E2E_SERVER=nginx, see playwright.headers.config.ts; .ci/run
 * installs Debian's nginx-light).
 *
 *   node scripts/serve-nginx.ts [--dir dist] [--base /] [--port 4325]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The nginx binary on PATH (or in /usr/sbin), or null. */
export function findNginx(): string | null {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    const probe = spawnSync(candidate, ['-v'], { stdio: 'ignore' });
    if (!probe.error && probe.status === 0) return candidate;
  }
  return null;
}

/**
 * deploy/nginx.conf for a local run: listening on `port`, serving `root`, including the header files
 * from `deployDir`, with the site's 404 page under `base`.
 */
export function localSiteConf(
  conf: string,
  { port, root, deployDir, base }: { port: number; root: string; deployDir: string; base: string },
): string {
  const out = conf
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/\n\s*listen \[::\]:8080;/, '')
    .replace(/root \/usr\/share\/nginx\/html;/, `root ${root};`)
    .replaceAll('/etc/nginx/tinker/', `${deployDir}/`)
    .replace('error_page 404 /404.html;', `error_page 404 ${base}404.html;`);
  if (out.includes('8080') || out.includes('/etc/nginx/tinker/') || out.includes('/usr/share/nginx/html')) {
    throw new Error('deploy/nginx.conf changed shape: update scripts/serve-nginx.ts to match it.');
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'dist' },
      base: { type: 'string', default: process.env.BASE_PATH ?? '/' },
      port: { type: 'string', default: '4325' },
    },
  });
  const nginx = findNginx();
  if (!nginx) {
    console.error('nginx is not installed: on Debian/Ubuntu `apt-get install nginx-light` (or use scripts/serve-headers.ts).');
    process.exit(1);
  }
  const dist = resolve(values.dir!);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No build in ${values.dir}/: run \`npm run build\` (or pass --dir).`);
    process.exit(1);
  }
  const base = values.base!.endsWith('/') ? values.base! : `${values.base}/`;
  const work = mkdtempSync(join(tmpdir(), 'tinker-nginx-'));
  // The site lives at `base`: a web root whose base folder is the build.
  let root = dist;
  if (base !== '/') {
    root = join(work, 'www');
    const parent = join(root, base.slice(1, -1).split('/').slice(0, -1).join('/'));
    mkdirSync(parent, { recursive: true });
    symlinkSync(dist, join(root, base.slice(1, -1)));
  }
  const site = localSiteConf(readFileSync(new URL('../deploy/nginx.conf', import.meta.url), 'utf8'), {
    port: Number(values.port),
    root,
    deployDir: resolve(new URL('../deploy', import.meta.url).pathname),
    base,
  });
  writeFileSync(join(work, 'site.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${join(work, name)};`;
  writeFileSync(
    join(work, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      `pid ${join(work, 'nginx.pid')};`,
      'error_log stderr warn;',
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
      `  include ${join(work, 'site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(nginx, ['-p', work, '-c', join(work, 'nginx.conf')], { stdio: 'inherit' });
  console.log(`Serving ${values.dir}/ with nginx and deploy/nginx.conf at http://127.0.0.1:${values.port}${base}`);
  const stop = () => child.kill('SIGQUIT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => {
    rmSync(work, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}
