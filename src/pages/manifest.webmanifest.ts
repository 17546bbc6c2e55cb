/**
 * The web app manifest (installable Tinker): name, colours, icons (drawn by scripts/icons.ts)
 * and a start URL and scope under the site's base, so an install works under BASE_PATH too.
 */
import type { APIRoute } from 'astro';
import { url } from '../lib/content/url.ts';

export const GET: APIRoute = () =>
  new Response(
    JSON.stringify(
      {
        name: 'Tinker: learn machine learning by doing',
        short_name: 'Tinker',
        description: 'Lessons, live widgets and exercises that train real models in your browser, online or offline.',
        id: url(),
        start_url: url(),
        scope: url(),
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0a58a8',
        icons: [
          { src: url('icons/icon-192.png'), sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: url('icons/icon-512.png'), sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: url('icons/icon-maskable-512.png'), sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      null,
      2,
    ),
    { headers: { 'Content-Type': 'application/manifest+json' } },
  );
