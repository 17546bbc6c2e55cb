/**
 * Where the site serves its datasets. A module of its own, apart from the manifest's checksum table
 * (manifest.ts), so that a page that only needs the address does not download the table.
 */
import { joinBase } from '../content/url.ts';

/** Where the site serves its datasets: `<base>/data/` (a path under the site's base, e.g. `/tinker/data/`). */
export function datasetsPath(base: string): string {
  return joinBase(base, 'data/');
}

/** The datasets folder as an absolute URL, resolved against the page, so that a worker can fetch from it. */
export function datasetsUrl(base: string, pageHref: string): string {
  return new URL(datasetsPath(base), pageHref).href;
}
