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

/**
 * The site's base as an absolute URL, from the datasets folder's (`<base>/data/`, as datasetsUrl makes it): what a worker
 * that was given only the datasets URL resolves the site's other files against (e.g. `models/fashion-cnn/model.json`).
 */
export function siteUrlFromDatasetsUrl(dataUrl: string): string {
  return new URL('../', dataUrl.endsWith('/') ? dataUrl : `${dataUrl}/`).href;
}
