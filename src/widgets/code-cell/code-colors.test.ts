/**
 * The code cell's colours, read from the real stylesheets (tokens.css for the site tokens,
 * styles/code-tokens.css for the code tokens), must meet WCAG AA in both themes: text 4.5:1 on every
 * background it is drawn on, plot series 3:1 (graphics). Picking a bad colour fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex, relativeLuminance } from './contrast.ts';

const root = new URL('../../', import.meta.url);
const globalCss = readFileSync(new URL('styles/tokens.css', root), 'utf8');
const cellCss = readFileSync(new URL('styles/code-tokens.css', root), 'utf8');
/** The rules that use the tokens. */
const cellRules = readFileSync(new URL('widgets/code-cell/code-cell.css', root), 'utf8');
const themeTs = readFileSync(new URL('widgets/shared/cm-theme.ts', root), 'utf8');

type Vars = Map<string, string>;

function block(css: string, pattern: RegExp, what: string): Vars {
  const m = pattern.exec(css);
  if (!m) throw new Error(`No ${what} block found`);
  const vars: Vars = new Map();
  for (const d of m[1]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(d[1]!, d[2]!.replace(/\/\*.*?\*\//g, '').trim());
  return vars;
}

const LIGHT = /(?:^|\n):root\s*\{([^}]*)\}/;
const DARK = /:root\[data-theme='dark'\]\s*\{([^}]*)\}/;
const DARK_SYSTEM = /:root:not\(\[data-theme\]\)\s*\{([^}]*)\}/;

function theme(pattern: RegExp, name: string): (name: string) => string {
  const vars = new Map([...block(globalCss, pattern, `global ${name}`), ...block(cellCss, pattern, `code-cell ${name}`)]);
  // Dark blocks only override colours; the rest comes from the light block.
  const fallback = name === 'light' ? new Map() : new Map([...block(globalCss, LIGHT, 'global light'), ...block(cellCss, LIGHT, 'code-cell light')]);
  const resolve = (key: string, depth = 0): string => {
    const raw = vars.get(key) ?? fallback.get(key);
    if (raw === undefined) throw new Error(`${key} is not defined in the ${name} theme`);
    const ref = /^var\((--[\w-]+)\)$/.exec(raw);
    if (ref && depth < 5) return resolve(ref[1]!, depth + 1);
    return raw;
  };
  return resolve;
}

const THEMES = [
  ['light', theme(LIGHT, 'light')],
  ['dark', theme(DARK, 'dark')],
] as const;

const TOKENS = ['keyword', 'string', 'number', 'atom', 'comment', 'function', 'property', 'type', 'operator', 'regexp'];
/** Every background code text is drawn on: the editor, its active line, a selection, an error line, compare-view changes. */
const CODE_BACKGROUNDS = [
  '--tk-code-bg',
  '--tk-code-active-line',
  '--tk-code-selection',
  '--tk-code-error-line',
  '--tk-code-ins-bg',
  '--tk-code-del-bg',
];

describe('contrast helpers', () => {
  it('computes the WCAG reference values', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#0a58a8', '#ffffff')).toBeCloseTo(contrastRatio('#ffffff', '#0a58a8'), 10);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(parseHex('#0f8')).toEqual([0, 255, 136]);
    expect(() => parseHex('rgb(0 0 0)')).toThrow(/hex/);
  });
});

describe('code cell colours', () => {
  it('defines the same dark colours for the toggle and for the system setting', () => {
    expect(block(cellCss, DARK_SYSTEM, 'system dark')).toEqual(block(cellCss, DARK, 'dark'));
  });

  it('defines every --tk-code-* and --tk-plot-* variable it uses, in both themes', () => {
    const light = block(cellCss, LIGHT, 'light');
    const dark = block(cellCss, DARK, 'dark');
    const used = new Set([...`${cellRules}\n${themeTs}`.matchAll(/var\((--tk-(?:code|plot)-[\w-]+)/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) {
      expect(light.has(name), `${name} in the light theme`).toBe(true);
      expect(dark.has(name), `${name} in the dark theme`).toBe(true);
    }
  });

  for (const [name, v] of THEMES) {
    describe(`${name} theme`, () => {
      it('syntax colours and plain code text reach 4.5:1 on every code background', () => {
        const failures: string[] = [];
        for (const token of [...TOKENS.map((t) => `--tk-code-${t}`), '--fg']) {
          for (const bg of CODE_BACKGROUNDS) {
            const ratio = contrastRatio(v(token), v(bg));
            if (ratio < 4.5) failures.push(`${token} ${v(token)} on ${bg} ${v(bg)}: ${ratio.toFixed(2)}`);
          }
        }
        expect(failures).toEqual([]);
      });

      it('line numbers, error marks and diff keys are readable', () => {
        const pairs: Array<[string, string]> = [
          ['--tk-code-gutter-fg', '--surface'],
          ['--tk-code-gutter-fg', '--tk-code-active-line'],
          ['--fg', '--tk-code-active-line'],
          ['--tk-code-on-error', '--tk-code-error'],
          ['--tk-code-error', '--tk-code-error-line'],
          ['--tk-code-error', '--bg'],
          ['--tk-code-del', '--tk-code-del-bg'],
          ['--tk-code-ins', '--tk-code-ins-bg'],
          ['--fg', '--tk-code-bracket'],
          ['--muted', '--surface-2'],
        ];
        const failures = pairs
          .map(([fg, bg]) => [fg, bg, contrastRatio(v(fg), v(bg))] as const)
          .filter(([, , r]) => r < 4.5)
          .map(([fg, bg, r]) => `${fg} on ${bg}: ${r.toFixed(2)}`);
        expect(failures).toEqual([]);
      });

      it('plot series reach 3:1 against the backgrounds plots sit on', () => {
        const failures: string[] = [];
        for (let i = 1; i <= 6; i++) {
          for (const bg of ['--bg', '--surface', '--surface-2']) {
            const ratio = contrastRatio(v(`--tk-plot-${i}`), v(bg));
            if (ratio < 3) failures.push(`--tk-plot-${i} on ${bg}: ${ratio.toFixed(2)}`);
          }
        }
        expect(failures).toEqual([]);
      });
    });
  }
});
