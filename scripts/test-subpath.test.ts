import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { devPagesIn } from './test-subpath.ts';

const made: string[] = [];
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tinker-subpath-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('devPagesIn (the production build holds no /dev/ page)', () => {
  it('finds nothing in a clean build', () => {
    const dir = build({ 'index.html': '<a href="/tinker/lessons/start-here/">Start</a>', 'sitemap-0.xml': '<loc>https://example.org/tinker/</loc>' });
    expect(devPagesIn(dir, '/tinker/')).toEqual([]);
  });

  it('finds a dev/ folder, a link to a /dev/ page and a sitemap entry', () => {
    expect(devPagesIn(build({ 'index.html': '', 'dev/bench/index.html': '' }), '/tinker/')).toEqual([expect.stringContaining('dev/ exists')]);
    expect(devPagesIn(build({ 'index.html': '<a href="/tinker/dev/bench/">bench</a>' }), '/tinker/')).toEqual([
      expect.stringContaining('index.html names'),
    ]);
    expect(devPagesIn(build({ 'sitemap-0.xml': '<loc>https://example.org/tinker/dev/exercises/</loc>' }), '/tinker/')).toHaveLength(1);
  });
});
