import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pagesOf } from './audit.ts';

describe('pagesOf (the pages npm run audit visits)', () => {
  const root = mkdtempSync(join(tmpdir(), 'tinker-audit-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists every index.html of a build, course map first, and leaves out dev/, _astro/ and data/', () => {
    for (const dir of ['', 'about', 'lessons/b', 'lessons/a', 'dev/bench', '_astro/x', 'data/mnist', 'og/lessons']) {
      mkdirSync(join(root, dir), { recursive: true });
      if (!dir.startsWith('og')) writeFileSync(join(root, dir, 'index.html'), '<!doctype html>');
    }
    writeFileSync(join(root, '404.html'), '<!doctype html>');
    writeFileSync(join(root, 'og/lessons/a.png'), '');
    expect(pagesOf(root)).toEqual(['', 'about/', 'lessons/a/', 'lessons/b/']);
  });
});
