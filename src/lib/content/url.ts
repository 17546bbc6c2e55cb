/**
 * Site-relative URLs that keep working when the site is served under a sub-path
 * (`BASE_PATH=/tinker/ npm run build`). Every internal link and asset goes through `url()`.
 */

/**
 * Joins a base path and a site-relative path with exactly one slash between them.
 * `joinBase('/tinker/', 'lessons/x/')` → `/tinker/lessons/x/`; `joinBase('/tinker', '/about/')`
 * → `/tinker/about/`; `joinBase('/', '')` → `/`. A hash or query is kept as given.
 */
export function joinBase(base: string, path = ''): string {
  const head = `/${base.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const tail = path.replace(/^\/+/, '');
  return `${head}/${tail}`;
}

/** A URL under the site's configured base (`import.meta.env.BASE_URL`). */
export function url(path = ''): string {
  return joinBase(import.meta.env.BASE_URL, path);
}

/** Whether two URL paths name the same page, ignoring a trailing slash and `index.html`. */
export function samePage(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/index\.html$/, '').replace(/\/+$/, '') || '/';
  return norm(a) === norm(b);
}
