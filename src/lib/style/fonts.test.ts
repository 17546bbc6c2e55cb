import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontFaces } from './fonts.ts';

const css = readFileSync(new URL('../../styles/fonts.css', import.meta.url), 'utf8');

describe('fontFaces', () => {
  it('reads family, weight, style and file of each rule, with defaults', () => {
    const sample = `@font-face { font-family: 'A B'; font-weight: 600; font-style: italic; src: url('@x/a.woff2') format('woff2'); }
      @font-face { font-family: C; src: url(c.woff2); }
      @font-face { font-family: 'No file'; }`;
    expect(fontFaces(sample)).toEqual([
      { family: 'A B', weight: '600', style: 'italic', file: '@x/a.woff2' },
      { family: 'C', weight: '400', style: 'normal', file: 'c.woff2' },
    ]);
  });
});

describe('src/styles/fonts.css', () => {
  const faces = fontFaces(css);

  it('self-hosts Latin woff2 files from npm packages only, each shown at once in a fallback font', () => {
    expect(faces.length).toBeGreaterThanOrEqual(3);
    for (const face of faces) expect(face.file).toMatch(/^@fontsource\/[\w-]+\/files\/[\w-]+-latin-\d+-(normal|italic)\.woff2$/);
    const rules = [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)];
    expect(rules.length).toBe(faces.length);
    for (const rule of rules) expect(rule[1]).toMatch(/font-display:\s*swap;/);
  });

  it('declares one face for prose, UI and code each at least, and no face twice', () => {
    const families = new Set(faces.map((f) => f.family));
    expect([...families]).toEqual(expect.arrayContaining(['Source Serif 4', 'Source Sans 3', 'JetBrains Mono']));
    const keys = faces.map((f) => `${f.family} ${f.weight} ${f.style}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
