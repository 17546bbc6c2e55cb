/**
 * Reads the design tokens of src/styles/tokens.css (its text, passed in): the custom properties of
 * each theme block with the comment written after each. Used by the style guide page
 * (src/pages/about/style.astro), which shows the tokens from the stylesheet itself, and by the
 * tokens' tests (contrast, the three theme blocks in step). Pure: no DOM, no file access.
 */

export type TokenTheme = 'light' | 'dark' | 'dark-system';

interface Token {
  /** The custom property, with its dashes: "--class-0". */
  name: string;
  /** Its value as written: "#0072b2", "var(--class-0)", "clamp(…)". */
  value: string;
  /** The comment after the declaration on the same line, if any ("blue"). */
  note?: string;
}

/** The data colours every chart shares (COMMON names; both themes define each). */
export const DATA_TOKENS = [
  ...Array.from({ length: 10 }, (_, i) => `--class-${i}`),
  '--series-1',
  '--series-2',
  '--series-3',
  '--target',
  '--grid',
  '--figure-bg',
] as const;

const BLOCKS: Record<TokenTheme, RegExp> = {
  light: /(?:^|\n):root\s*\{([^}]*)\}/,
  dark: /:root\[data-theme='dark'\]\s*\{([^}]*)\}/,
  'dark-system': /:root:not\(\[data-theme\]\)\s*\{([^}]*)\}/,
};

/**
 * The tokens declared in one theme block of `css`, in order. The dark blocks only override the
 * light one (colours); ask for 'light' to get the rest. Throws when the block is missing.
 */
export function tokenBlock(css: string, theme: TokenTheme): Token[] {
  const block = BLOCKS[theme].exec(css);
  if (!block) throw new Error(`tokens.css has no ${theme} block`);
  const tokens: Token[] = [];
  const declaration = /(--[\w-]+)\s*:\s*([^;]+);[ \t]*(?:\/\*\s*(.*?)\s*\*\/)?/g;
  for (const m of block[1]!.matchAll(declaration)) {
    const value = m[2]!.replace(/\s+/g, ' ').trim();
    tokens.push(m[3] ? { name: m[1]!, value, note: m[3] } : { name: m[1]!, value });
  }
  return tokens;
}

/**
 * A theme's tokens by name, the dark ones on top of the light ones, with `var(--x)` references
 * followed to their values (five levels at most).
 */
export function themeTokens(css: string, theme: TokenTheme): Map<string, string> {
  const values = new Map<string, string>();
  for (const t of tokenBlock(css, 'light')) values.set(t.name, t.value);
  if (theme !== 'light') for (const t of tokenBlock(css, theme)) values.set(t.name, t.value);
  const resolve = (value: string, depth: number): string => {
    const ref = /^var\((--[\w-]+)\)$/.exec(value);
    if (!ref || depth > 5) return value;
    const next = values.get(ref[1]!);
    return next === undefined ? value : resolve(next, depth + 1);
  };
  return new Map([...values].map(([name, value]) => [name, resolve(value, 0)]));
}
