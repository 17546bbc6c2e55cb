/** The text of robots.txt (src/pages/robots.txt.ts). Pure. */
import { joinBase } from '../content/url.ts';

/**
 * Allows every page, keeps crawlers out of the datasets under data/, and names the sitemap when the
 * site's address is known (`site`, from SITE_URL). The hidden dev/ harnesses need no line: they exist
 * only in test builds, never in what is deployed (scripts/test-subpath.ts checks that the production
 * build names no dev/ page at all, here included).
 */
export function robotsTxt({ base, site }: { base: string; site: string | URL | undefined }): string {
  const lines = ['User-agent: *', `Disallow: ${joinBase(base, 'data/')}`, 'Allow: /'];
  if (site) lines.push('', `Sitemap: ${new URL(joinBase(base, 'sitemap-index.xml'), site).href}`);
  return `${lines.join('\n')}\n`;
}
