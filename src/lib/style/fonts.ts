/**
 * Reads the @font-face rules of src/styles/fonts.css (its text, passed in): which family, weight
 * and style each face is, and the package file it loads. The style guide page lists them with
 * their sizes. Pure: no DOM, no file access.
 */

interface FontFace {
  family: string;
  weight: string;
  style: string;
  /** The file as written in url(), a package path: "@fontsource/…/files/….woff2". */
  file: string;
}

/** The faces declared in `css`, in order; a rule without a family or a url() is skipped. */
export function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const rule of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = rule[1]!;
    const read = (property: string) => new RegExp(`${property}\\s*:\\s*([^;]+);`).exec(body)?.[1]?.trim();
    const family = read('font-family')?.replace(/^['"]|['"]$/g, '');
    const file = /url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(body)?.[1];
    if (!family || !file) continue;
    faces.push({ family, weight: read('font-weight') ?? '400', style: read('font-style') ?? 'normal', file });
  }
  return faces;
}
