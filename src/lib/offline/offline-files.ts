/**
 * The list of files Tinker needs offline (`offline-files.json`, written at build time by
 * src/integrations/offline.ts) and the sums the "Use Tinker offline" page shows. Pure data.
 */

export interface OfflineFile {
  /** Path relative to the site's base: "lessons/start-here/index.html", "data/mnist/…gz". */
  url: string;
  bytes: number;
}

export interface OfflineFiles {
  /** Everything the service worker keeps: pages, styles, scripts, wasm, fonts, images, the search index. */
  site: OfflineFile[];
  /** The dataset files, kept by the data loader's verified cache. */
  data: OfflineFile[];
}

/** Reads offline-files.json, with a clear error when it is not what the build writes. */
export function parseOfflineFiles(json: unknown): OfflineFiles {
  const list = (value: unknown, name: string): OfflineFile[] => {
    if (!Array.isArray(value)) throw new TypeError(`offline-files.json: "${name}" should be a list of files; rebuild the site.`);
    return value.map((item: unknown, i) => {
      const { url, bytes } = (item ?? {}) as { url?: unknown; bytes?: unknown };
      if (typeof url !== 'string' || typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) {
        throw new TypeError(`offline-files.json: ${name}[${i}] should have a url and a size in bytes; rebuild the site.`);
      }
      return { url, bytes };
    });
  };
  if (typeof json !== 'object' || json === null) throw new TypeError('offline-files.json is not an object; rebuild the site.');
  const { site, data } = json as { site?: unknown; data?: unknown };
  return { site: list(site, 'site'), data: list(data, 'data') };
}

export interface Tally {
  files: number;
  bytes: number;
  cachedFiles: number;
  cachedBytes: number;
}

/** How many of `files` (and how many bytes) are kept, given the set of kept URLs. */
export function tally(files: readonly OfflineFile[], isCached: (url: string) => boolean): Tally {
  let bytes = 0;
  let cachedFiles = 0;
  let cachedBytes = 0;
  for (const file of files) {
    bytes += file.bytes;
    if (isCached(file.url)) {
      cachedFiles++;
      cachedBytes += file.bytes;
    }
  }
  return { files: files.length, bytes, cachedFiles, cachedBytes };
}

/** "lessons/start-here/index.html" → "lessons/start-here/": the URL a page is requested by. */
export function requestPath(url: string): string {
  return url.endsWith('/index.html') || url === 'index.html' ? url.slice(0, -'index.html'.length) : url;
}
