/**
 * robots.txt: every reader page may be indexed; the generated data may not. With SITE_URL known it names the sitemap. Crawlers read robots.txt only at the root of a
 * host, so under BASE_PATH this file helps only if the host's root robots.txt copies its lines.
 */
import type { APIRoute } from 'astro';
import { robotsTxt } from '../lib/share/robots.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(robotsTxt({ base: import.meta.env.BASE_URL, site }), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
