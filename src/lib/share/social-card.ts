/**
 * The social card (Open Graph / Twitter image) of a page, as an SVG string of 1200×630: the site's
 * mark, a small line above the title (the track and position of a lesson), the title in large type
 * wrapped over at most three lines, and the summary below it. Pure string work, no DOM: the build
 * turns the SVG into a PNG (src/pages/og/, with sharp). Text is measured with an estimate of the
 * glyph widths of a sans-serif font (DejaVu Sans, Liberation Sans and similar), on the safe side.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** Escapes text for an XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

// Advance widths in em, rounded up, for a bold sans-serif (DejaVu Sans Bold is the widest common one).
const NARROW = new Set([...`iljtf!|.,:;'\`()[]{} I`]);
const WIDE = new Set([...'mwMW@%']);

/**
 * An estimate, on the safe side, of how wide `text` is in a sans-serif at `fontSize` px: bold by
 * default, regular (about 12% narrower) with `bold` false.
 */
export function textWidth(text: string, fontSize: number, bold = true): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.4;
    else if (WIDE.has(c)) em += 1.05;
    else if (c >= 'A' && c <= 'Z') em += 0.78;
    else em += 0.7;
  }
  return em * fontSize * (bold ? 1 : 0.88);
}

export interface WrapOptions {
  /** The widest a line may be, in px. */
  maxWidth: number;
  fontSize: number;
  /** At most this many lines; the last one ends with "…" when the text does not fit. */
  maxLines: number;
  /** Set in bold (the default) or regular type. */
  bold?: boolean;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` at spaces (a single word wider than a line is
 * cut). When the text needs more than `maxLines` lines, the last line is shortened to end in "…".
 */
export function wrapText(text: string, { maxWidth, fontSize, maxLines, bold = true }: WrapOptions): string[] {
  if (!(maxLines >= 1) || !(maxWidth > 0) || !(fontSize > 0)) {
    throw new RangeError(`wrapText needs maxLines ≥ 1, maxWidth > 0 and fontSize > 0 (got ${maxLines}, ${maxWidth}, ${fontSize}).`);
  }
  const fits = (line: string) => textWidth(line, fontSize, bold) <= maxWidth;
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    // A word longer than a whole line is cut into pieces that fit.
    while (!fits(word)) {
      if (line) {
        lines.push(line);
        line = '';
      }
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && !fits(`${last}…`)) last = last.slice(0, -1);
  // End on a word boundary when there is one, and never leave a space or a comma before the ellipsis.
  const space = last.lastIndexOf(' ');
  if (space > last.length / 2) last = last.slice(0, space);
  kept[maxLines - 1] = `${last.replace(/[\s,;:.–—-]+$/, '')}…`;
  return kept;
}

export interface CardText {
  /** The large text: the lesson's title, or the site's tagline. */
  title: string;
  /** A short line above the title ("Foundations · Lesson 1 of 4"); optional. */
  eyebrow?: string | undefined;
  /** One or two sentences below the title; optional. */
  summary?: string | undefined;
  /** The name shown beside the mark in the corner, e.g. "Tinker". */
  siteName: string;
}

const PAD = 80;
const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

function textLines(lines: readonly string[], x: number, firstBaseline: number, lineHeight: number, attrs: string): string {
  return lines.map((line, i) => `<text x="${x}" y="${firstBaseline + i * lineHeight}" ${attrs}>${escapeXml(line)}</text>`).join('\n  ');
}

/**
 * The card as a standalone SVG document (1200×630, the size Open Graph and Twitter's large
 * card expect). Every piece of text is escaped; long titles are wrapped (at most three lines,
 * smaller type from the third line on) and long summaries cut with "…".
 */
export function socialCardSvg({ title, eyebrow, summary, siteName }: CardText): string {
  const width = CARD_WIDTH - 2 * PAD;
  // Large type for short titles; a title that needs three lines at 72 px is set at 60 px instead.
  let titleSize = 72;
  let titleLines = wrapText(title, { maxWidth: width, fontSize: titleSize, maxLines: 3 });
  if (titleLines.length === 3) {
    titleSize = 60;
    titleLines = wrapText(title, { maxWidth: width, fontSize: titleSize, maxLines: 3 });
  }
  const titleLead = Math.round(titleSize * 1.18);
  const summarySize = 32;
  const summaryLead = 44;
  // Three lines of title leave room for two of summary; shorter titles for three.
  const summaryLines = summary
    ? wrapText(summary, { maxWidth: width, fontSize: summarySize, maxLines: titleLines.length === 3 ? 2 : 3, bold: false })
    : [];
  // The eyebrow, title and summary form one block, centred in the space under the site's name.
  const eyebrowHeight = eyebrow ? 30 + 30 : 0;
  const summaryGap = summaryLines.length ? 44 : 0;
  const blockHeight = eyebrowHeight + titleLines.length * titleLead + summaryGap + summaryLines.length * summaryLead;
  const regionTop = 160;
  const regionBottom = CARD_HEIGHT - 40;
  const top = regionTop + Math.max(0, Math.round((regionBottom - regionTop - blockHeight) / 2));
  const eyebrowBaseline = top + 30;
  const titleTop = top + eyebrowHeight + titleSize;
  const summaryTop = top + eyebrowHeight + titleLines.length * titleLead + summaryGap + summarySize - 4;

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
  <rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#ffffff"/>
  <rect width="${CARD_WIDTH}" height="16" fill="#0a58a8"/>
  <g transform="translate(${PAD} 64) scale(2)">
    <rect width="32" height="32" rx="8" fill="#0a58a8"/>
    <path d="M9 10h14M16 10v13" stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" fill="none"/>
    <circle cx="9" cy="10" r="2.6" fill="#ffffff"/>
    <circle cx="23" cy="10" r="2.6" fill="#ffffff"/>
    <circle cx="16" cy="23" r="2.6" fill="#ffffff"/>
  </g>
  <text x="${PAD + 84}" y="110" font-family="${FONT}" font-size="40" font-weight="700" fill="#1b1f24">${escapeXml(siteName)}</text>
  ${eyebrow ? `<text x="${PAD}" y="${eyebrowBaseline}" font-family="${FONT}" font-size="30" font-weight="700" fill="#0a58a8">${escapeXml(eyebrow)}</text>` : ''}
  ${textLines(titleLines, PAD, titleTop, titleLead, `font-family="${FONT}" font-size="${titleSize}" font-weight="700" fill="#1b1f24"`)}
  ${textLines(summaryLines, PAD, summaryTop, summaryLead, `font-family="${FONT}" font-size="${summarySize}" fill="#4f5862"`)}
</svg>
`;
}
