/** The text of robots.txt (src/pages/robots.txt.ts). Pure. */
import { joinBase } from '../content/url.ts';

/**
 * Allows every page, keeps crawlers out of the hidden dev/ harnesses and the datasets under data/,
 * and names the sitemap when the site's address is known (`site`, from SITE_URL).
 */
export function robotsTxt({ base, site }: { base: string; site: string | URL | undefined }): string {
  const lines = ['User-agent: *', `Disallow: ${joinBase(base, 'dev/')}`, `Disallow: ${joinBase(base, 'data/')}`, 'Allow: /'];
  if (site) lines.push('', `Sitemap: ${new URL(joinBase(base, 'sitemap-index.xml'), site).href}`);
  return `${lines.join('\n')}\n`;
}
