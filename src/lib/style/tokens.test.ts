/**
 * The design tokens (src/styles/tokens.css): the parser, and the tokens themselves: the two dark
 * blocks in step, every data colour in both themes, AA contrast for text, 3:1 for data marks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../widgets/code-cell/contrast.ts';
import { DATA_TOKENS, themeTokens, tokenBlock } from './tokens.ts';

const css = readFileSync(new URL('../../styles/tokens.css', import.meta.url), 'utf8');

const SAMPLE = `
:root {
  --a: #ffffff; /* white */
  --b: var(--a);
  --c: clamp(1rem,
    2vw, 2rem);
}
:root[data-theme='dark'] {
  --a: #000000;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme]) {
    --a: #000000;
  }
}`;

describe('tokenBlock and themeTokens', () => {
  it('reads the declarations of a block with their notes', () => {
    expect(tokenBlock(SAMPLE, 'light')).toEqual([
      { name: '--a', value: '#ffffff', note: 'white' },
      { name: '--b', value: 'var(--a)' },
      { name: '--c', value: 'clamp(1rem, 2vw, 2rem)' },
    ]);
    expect(tokenBlock(SAMPLE, 'dark')).toEqual([{ name: '--a', value: '#000000' }]);
  });

  it('puts a dark block over the light one and follows var() references', () => {
    expect(themeTokens(SAMPLE, 'light').get('--b')).toBe('#ffffff');
    expect(themeTokens(SAMPLE, 'dark').get('--b')).toBe('#000000');
    expect(themeTokens(SAMPLE, 'dark-system').get('--c')).toBe('clamp(1rem, 2vw, 2rem)');
  });

  it('throws when a block is missing', () => {
    expect(() => tokenBlock(':root { --a: 1; }', 'dark')).toThrow(/dark block/);
  });
});

describe('src/styles/tokens.css', () => {
  const light = themeTokens(css, 'light');
  const dark = themeTokens(css, 'dark');

  it('has the same dark colours chosen by the toggle and by the system', () => {
    expect(tokenBlock(css, 'dark-system')).toEqual(tokenBlock(css, 'dark').map(({ name, value }) => ({ name, value })));
  });

  it('overrides in the dark blocks only what the light block declares', () => {
    for (const t of tokenBlock(css, 'dark')) expect(light.has(t.name), t.name).toBe(true);
  });

  it('defines every data colour in both themes, the classes all different', () => {
    for (const [theme, tokens] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      for (const name of DATA_TOKENS) expect(tokens.get(name), `${name} (${theme})`).toMatch(/^#[0-9a-f]{6}$/);
      const classes = DATA_TOKENS.filter((n) => n.startsWith('--class-')).map((n) => tokens.get(n));
      expect(new Set(classes).size, `distinct classes (${theme})`).toBe(10);
    }
  });

  it('has AA contrast (4.5:1) for text on the backgrounds it sits on, in both themes', () => {
    for (const tokens of [light, dark]) {
      const on = (fg: string, bg: string) => contrastRatio(tokens.get(fg)!, tokens.get(bg)!);
      for (const fg of ['--fg', '--muted', '--accent']) {
        for (const bg of ['--bg', '--surface']) expect(on(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
      expect(on('--accent-fg', '--accent')).toBeGreaterThanOrEqual(4.5);
      expect(on('--muted', '--figure-bg')).toBeGreaterThanOrEqual(4.5);
      for (const kind of ['note', 'tip', 'warning']) expect(on(`--${kind}-fg`, `--${kind}-bg`), kind).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('draws data marks (classes, series, the target line) at 3:1 or more on the page and the figure area', () => {
    for (const [theme, tokens] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      for (const name of DATA_TOKENS.filter((n) => n !== '--grid' && n !== '--figure-bg')) {
        for (const bg of ['--bg', '--figure-bg']) {
          expect(contrastRatio(tokens.get(name)!, tokens.get(bg)!), `${name} on ${bg} (${theme})`).toBeGreaterThanOrEqual(3);
        }
      }
    }
  });
});
