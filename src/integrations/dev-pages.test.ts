import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AstroIntegration } from 'astro';
import devPages, { devPageRoutes, wantsDevPages } from './dev-pages.ts';
import config from '../../astro.config.mjs';

const root = new URL('../../', import.meta.url);

/** The routes an integration injects when Astro runs `command`. */
function injected(integration: AstroIntegration, command: 'dev' | 'build' | 'preview'): string[] {
  const routes: string[] = [];
  const setup = integration.hooks['astro:config:setup'] as unknown as (options: object) => void;
  setup({ command, injectRoute: (route: { pattern: string }) => routes.push(route.pattern) });
  return routes;
}

describe('the /dev/ test pages', () => {
  it('come with astro dev and with TINKER_DEV_PAGES=1, and never otherwise', () => {
    expect(wantsDevPages('dev', {})).toBe(true);
    expect(wantsDevPages('build', { TINKER_DEV_PAGES: '1' })).toBe(true);
    expect(wantsDevPages('build', {})).toBe(false);
    expect(wantsDevPages('build', { TINKER_DEV_PAGES: '' })).toBe(false);
    expect(wantsDevPages('build', { TINKER_DEV_PAGES: 'true' })).toBe(false);
    expect(wantsDevPages('preview', {})).toBe(false);
  });

  it('are one route per .astro file of bench/pages/, each of which exists', () => {
    const routes = injected(devPages(root, { TINKER_DEV_PAGES: '1' }), 'build');
    expect(routes).toEqual(expect.arrayContaining(['/dev/bench', '/dev/code-cell-parts', '/dev/code-runner', '/dev/exercises']));
    for (const route of devPageRoutes(['a.astro', 'helper.ts', 'b.astro'])) expect(route.entrypoint).toMatch(/^\.\/bench\/pages\/[ab]\.astro$/);
    for (const name of routes) expect(existsSync(new URL(`bench/pages/${name.slice('/dev/'.length)}.astro`, root)), name).toBe(true);
  });

  it('are left out of a production build (npm run build) by the site configuration', () => {
    const integration = config.integrations?.find((i) => i && 'name' in i && i.name === 'tinker-dev-pages') as AstroIntegration | undefined;
    expect(integration, 'astro.config.mjs uses the dev-pages integration').toBeDefined();
    // Vitest runs without TINKER_DEV_PAGES (npm test sets it only for the test build).
    expect(process.env['TINKER_DEV_PAGES'] ?? '').not.toBe('1');
    expect(injected(integration!, 'build')).toEqual([]);
    expect(injected(integration!, 'dev').length).toBeGreaterThan(0);
  });
});
