/**
 * The public address of the site (SITE_URL), from which canonical URLs, og:url, og:image, the
 * sitemap and robots.txt's Sitemap line are made. Unset, the build makes none of them rather than
 * claim an address the site does not have. Pure: used by astro.config.mjs and the pages.
 */

/**
 * Checks SITE_URL and returns it as an origin with no trailing slash ('https://example.org'), or
 * undefined when it is unset or empty. Throws an error saying what is wrong and what to write
 * instead for anything else: not an http(s) URL, or a URL with a path, query or hash (the sub-path
 * belongs in BASE_PATH).
 */
export function parseSiteUrl(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error(`SITE_URL is "${text}", which is not a URL. Write the address the site is served from, e.g. SITE_URL=https://example.org`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`SITE_URL must start with https:// (or http://), got "${text}". Example: SITE_URL=https://example.org`);
  }
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new Error(
      `SITE_URL must be the site's origin only (scheme, host and port), got "${text}". ` +
        `Put a sub-path in BASE_PATH instead: SITE_URL=${parsed.origin} BASE_PATH=${parsed.pathname.replace(/\/?$/, '/')}`,
    );
  }
  return parsed.origin;
}

/** The absolute URL of a path on the site (the path already includes the base), or undefined without a site. */
export function absoluteUrl(site: string | URL | undefined, pathname: string): string | undefined {
  if (!site) return undefined;
  return new URL(pathname, site).href;
}
