import { describe, expect, it } from 'vitest';
import { findChromium, SYSTEM_CHROMIUM } from './check-browser.ts';

const existing =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH when that file exists', () => {
    const choice = findChromium({
      env: { CHROMIUM_PATH: '/opt/chrome' },
      exists: existing('/opt/chrome', SYSTEM_CHROMIUM),
      managedPath: () => '/cache/chromium',
    });
    expect(choice).toEqual({ kind: 'env', path: '/opt/chrome' });
  });

  it('reports a CHROMIUM_PATH that points nowhere instead of silently using another browser', () => {
    const choice = findChromium({ env: { CHROMIUM_PATH: '/nope' }, exists: existing(SYSTEM_CHROMIUM) });
    expect(choice.kind).toBe('none');
    if (choice.kind === 'none') expect(choice.reason).toContain('/nope');
  });

  it('uses /usr/bin/chromium when CHROMIUM_PATH is not set', () => {
    const choice = findChromium({ env: {}, exists: existing(SYSTEM_CHROMIUM, '/cache/chromium'), managedPath: () => '/cache/chromium' });
    expect(choice).toEqual({ kind: 'system', path: SYSTEM_CHROMIUM });
  });

  it("falls back to Playwright's managed Chromium only when it is installed", () => {
    expect(findChromium({ env: {}, exists: existing('/cache/chromium'), managedPath: () => '/cache/chromium' })).toEqual({
      kind: 'managed',
      path: '/cache/chromium',
    });
    expect(findChromium({ env: {}, exists: existing(), managedPath: () => '/cache/chromium' }).kind).toBe('none');
  });

  it('treats a managed path Playwright cannot compute as missing', () => {
    const choice = findChromium({
      env: {},
      exists: () => false,
      managedPath: () => {
        throw new Error('unsupported platform');
      },
    });
    expect(choice.kind).toBe('none');
  });
});
