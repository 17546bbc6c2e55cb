/**
 * The site's security headers, declared once. Everything that sends them reads them from here:
 * - every page carries the Content-Security-Policy in a <meta http-equiv> (src/layouts/Base.astro),
 *   so it holds on any static host, GitHub Pages included (which cannot send headers);
 * - deploy/security-headers.conf (included by deploy/nginx.conf and the Dockerfile's server) is
 *   generated from here by `node scripts/deploy-headers.ts --write` and checked by a unit test;
 * - scripts/serve-headers.ts serves a build with exactly these headers for the end-to-end run.
 *
 * The build ships no inline script at all (Astro's small scripts are emitted as files: see
 * astro.config.mjs), so the policy needs no hashes and the header and meta policies are the same.
 */

export type Directives = Readonly<Record<string, readonly string[]>>;

/** The page policy. Styles allow 'unsafe-inline': KaTeX and Shiki put style attributes in the markup. */
export const PAGE_CSP: Directives = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly compile (tfjs wasm backend, Pagefind); no eval, no inline script.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'media-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // Only honoured in a header; browsers ignore it in a <meta> policy.
  'frame-ancestors': ["'none'"],
};

/**
 * The code-cell worker runs the reader's code with `new AsyncFunction`, so its script needs
 * 'unsafe-eval'. A dedicated worker takes its policy from its own response, so a server that sends
 * headers gives exactly this worker this policy (deploy/nginx.conf: the location matching
 * EVAL_WORKER_PATTERN). It still cannot start workers, frames or plugins, and fetches from the site only.
 */
export const CODE_WORKER_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The built worker scripts that evaluate reader code: `_astro/code.worker-<hash>.js` under any base path. */
export const EVAL_WORKER_PATTERN = /\/_astro\/code\.worker-[A-Za-z0-9_-]+\.js$/;
/** The same pattern in the form nginx's `location ~` takes (kept equal to EVAL_WORKER_PATTERN by a test). */
export const EVAL_WORKER_NGINX = '/_astro/code\\.worker-[A-Za-z0-9_-]+\\.js$';

/** Directives a <meta> policy cannot carry (the browser ignores them there and warns). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export function serializePolicy(directives: Directives, { forMeta = false } = {}): string {
  return Object.entries(directives)
    .filter(([name]) => !(forMeta && HEADER_ONLY.has(name)))
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

/** The policy every page carries in its <meta http-equiv="Content-Security-Policy">. */
export const META_CSP = serializePolicy(PAGE_CSP, { forMeta: true });

/**
 * The page policy under `astro dev` only: the development server adds an inline script of its own
 * (the dev toolbar's settings), so inline <script> elements are allowed there. Inline event handlers
 * stay forbidden (script-src-attr 'none'), and builds always carry META_CSP.
 */
export const DEV_META_CSP = serializePolicy({ ...PAGE_CSP, 'script-src': [...PAGE_CSP['script-src']!, "'unsafe-inline'"] }, { forMeta: true });

/** The headers every response carries besides its Content-Type and caching. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': serializePolicy(PAGE_CSP),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The headers of the code-cell worker's script: the same, with its own policy. */
export const CODE_WORKER_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': serializePolicy(CODE_WORKER_CSP),
};

/** Content types by file extension; .wasm and .mjs matter (streaming compilation, module workers). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.gz': 'application/gzip',
  '.bin': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/**
 * Cache-Control for a path below the site's base (e.g. "_astro/app.abc123.js", "index.html"):
 * hashed build assets are immutable; the service worker, the manifest and HTML are revalidated on
 * every visit so a new deployment is seen at once; everything else is revalidated too (the files in
 * public/ keep their names across deployments).
 */
export function cacheControlFor(path: string): string {
  if (/(^|\/)_astro\//.test(path)) return IMMUTABLE;
  return NO_CACHE;
}

/** The content type for a file name, from its extension (application/octet-stream when unknown). */
export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot > path.lastIndexOf('/') ? path.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Every header a server sends with the file at `path` (its URL path, under any base): the security
 * headers (the code-cell worker's own policy for that worker), Content-Type and Cache-Control.
 */
export function headersFor(path: string): Record<string, string> {
  return {
    ...(EVAL_WORKER_PATTERN.test(path) ? CODE_WORKER_HEADERS : SECURITY_HEADERS),
    'Content-Type': contentTypeFor(path),
    'Cache-Control': cacheControlFor(path),
  };
}

/** An nginx `add_header` line for each header, sent on every status (`always`). */
export function nginxAddHeaders(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => {
      if (/["\\\n]/.test(value)) throw new Error(`Header ${name} has a character nginx.conf cannot quote: ${value}`);
      return `add_header ${name} "${value}" always;`;
    })
    .join('\n');
}
