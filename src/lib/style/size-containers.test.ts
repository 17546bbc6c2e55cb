/**
 * No size containers anywhere in the site's code (src/widgets/shared/inline-size.ts says why), and
 * the finder that checks it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sizeContainerUses } from './size-containers.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const FINDER = fileURLToPath(new URL('./size-containers.ts', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    // The finder itself names what it looks for.
    if (path === FINDER || !/\.(css|astro|ts|mdx)$/.test(entry.name) || entry.name.endsWith('.test.ts')) return [];
    return [path];
  });
}

describe('sizeContainerUses', () => {
  it('finds container-type, the container shorthand, @container rules and container units, with their lines', () => {
    const css = [
      '.a { container-type: inline-size; }',
      '.b { container: card / size; }',
      '@container (max-width: 22rem) {',
      '  .c { font-size: min(1rem, 4.2cqw); width: calc(100cqi - 1rem); height: 50cqmin; }',
      '}',
    ].join('\n');
    expect(sizeContainerUses(css)).toEqual([
      { line: 1, text: 'container-type: inline-size' },
      { line: 2, text: 'container: card / size' },
      { line: 3, text: '@container' },
      { line: 4, text: '4.2cqw' },
      { line: 4, text: '100cqi' },
      { line: 4, text: '50cqmin' },
    ]);
  });

  it('leaves alone what only looks alike: container-type: normal, class names, words and other units', () => {
    const css = [
      '.tk-container { container-type: normal; }',
      '.tk-controls-box { width: 100%; } /* a box of controls */',
      '.d { width: 10vw; margin: 2rem; } .cqw-label { color: red; }',
      '<div class="container">The container holds 3 items.</div>',
      '/* a media query, not a size container: see inline-size.ts */',
    ].join('\n');
    expect(sizeContainerUses(css)).toEqual([]);
  });
});

describe('the site', () => {
  it('declares no size container and uses no container unit', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const uses = files.flatMap((file) =>
      sizeContainerUses(readFileSync(file, 'utf8')).map((use) => `${relative(SRC, file)}:${use.line}: ${use.text}`),
    );
    expect(uses, 'publish the width with src/widgets/shared/inline-size.ts, or use a media query').toEqual([]);
  });
});
