import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { CARD_HEIGHT, CARD_WIDTH, escapeXml, socialCardSvg, textWidth, wrapText } from './social-card.ts';

/** The text of every <text> element of an SVG, parsed the way an XML-ish parser reads it. */
function texts(svg: string): string[] {
  const tree = fromHtml(svg, { fragment: true, space: 'svg' });
  const out: string[] = [];
  interface Node {
    type: string;
    tagName?: string;
    value?: string;
    children?: Node[];
  }
  const walk = (node: Node) => {
    if (node.type === 'element' && node.tagName === 'text') out.push((node.children ?? []).map((c) => c.value ?? '').join(''));
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return out;
}

describe('escapeXml', () => {
  it('escapes the five XML special characters and leaves the rest', () => {
    expect(escapeXml(`a & b < c > d "e" 'f' · é`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; · é');
  });
  it('escapes an ampersand once, so an entity-looking text stays text', () => {
    expect(escapeXml('&lt;')).toBe('&amp;lt;');
  });
});

describe('textWidth', () => {
  it('grows with the text and the font size; capitals and wide letters count more, narrow ones less', () => {
    expect(textWidth('abc', 20)).toBeLessThan(textWidth('abcd', 20));
    expect(textWidth('abc', 40)).toBe(2 * textWidth('abc', 20));
    expect(textWidth('iii', 20)).toBeLessThan(textWidth('aaa', 20));
    expect(textWidth('MMM', 20)).toBeGreaterThan(textWidth('AAA', 20));
    expect(textWidth('abc', 20, false)).toBeLessThan(textWidth('abc', 20, true));
  });
});

describe('wrapText', () => {
  const opts = { maxWidth: 300, fontSize: 20, maxLines: 10 };

  it('keeps a short text on one line', () => {
    expect(wrapText('  Start   here ', opts)).toEqual(['Start here']);
  });

  it('breaks at spaces so that no line is wider than maxWidth, keeping every word in order', () => {
    const text = 'A neural network from scratch: neurons, layers, the chain rule and backpropagation in plain TypeScript';
    const lines = wrapText(text, opts);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 20)).toBeLessThanOrEqual(300);
    expect(lines.join(' ')).toBe(text);
    // Greedy: the first word of each next line would not have fitted on the line before.
    for (let i = 1; i < lines.length; i++) {
      expect(textWidth(`${lines[i - 1]} ${lines[i]!.split(' ')[0]}`, 20)).toBeGreaterThan(300);
    }
  });

  it('cuts a single word longer than a line into pieces that fit', () => {
    const word = 'supercalifragilisticexpialidocious'.repeat(2);
    const lines = wrapText(`see ${word} here`, { maxWidth: 200, fontSize: 20, maxLines: 10 });
    for (const line of lines) expect(textWidth(line, 20)).toBeLessThanOrEqual(200);
    expect(lines.join('').replace(/ /g, '')).toBe(`see${word}here`);
  });

  it('stops at maxLines and ends the last line with an ellipsis that fits', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    const lines = wrapText(text, { maxWidth: 200, fontSize: 20, maxLines: 2 });
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(lines[1]).not.toMatch(/[\s,]…$/);
    expect(textWidth(lines[1]!, 20)).toBeLessThanOrEqual(200);
    expect(text.startsWith(`${lines[0]} ${lines[1]!.slice(0, -1)}`)).toBe(true);
  });

  it('returns no line for an empty text and rejects impossible options with a clear message', () => {
    expect(wrapText('   ', opts)).toEqual([]);
    expect(() => wrapText('x', { ...opts, maxLines: 0 })).toThrow(/maxLines ≥ 1/);
    expect(() => wrapText('x', { ...opts, maxWidth: -1 })).toThrow(/maxWidth > 0/);
  });
});

describe('socialCardSvg', () => {
  const card = {
    siteName: 'Tinker',
    eyebrow: 'Foundations · Lesson 1 of 4',
    title: 'Start here',
    summary: 'What Tinker is, and your first neural network.',
  };

  it('is a 1200×630 SVG with the site name, eyebrow, title and summary as text', () => {
    const svg = socialCardSvg(card);
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${CARD_WIDTH}" height="${CARD_HEIGHT}"`));
    expect(CARD_WIDTH / CARD_HEIGHT).toBeCloseTo(1.905, 2);
    expect(texts(svg)).toEqual(['Tinker', 'Foundations · Lesson 1 of 4', 'Start here', 'What Tinker is, and your first neural network.']);
  });

  it('escapes markup in every text so it stays text (no element or attribute is injected)', () => {
    const evil = '</text><script>alert(1)</script><text a="';
    const svg = socialCardSvg({ siteName: `A & B ${evil}`, eyebrow: `"quoted" ${evil}`, title: `x < y ${evil}`, summary: `it's ${evil}` });
    expect(svg).not.toContain('<script');
    const shown = texts(svg).join('\n');
    expect(shown).toContain('A & B </text><script>');
    expect(shown).toContain('x < y');
    expect(shown).toContain(`it's`);
  });

  it('wraps a long title over at most three lines and keeps every line on the card', () => {
    const svg = socialCardSvg({
      ...card,
      title: 'A very long lesson title that goes on and on about neural networks, gradients, optimisers and regularisation',
      summary: 'A summary long enough to need more than one line on the card, and then some more words so that it must be cut short at the end.',
    });
    const lines = [...svg.matchAll(/<text x="(\d+)" y="(\d+)" ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      size: Number(/font-size="(\d+)"/.exec(m[3]!)![1]),
      bold: m[3]!.includes('font-weight="700"'),
      text: m[4]!,
    }));
    const titleLines = lines.filter((l) => l.size >= 60);
    expect(titleLines.length).toBe(3);
    expect(titleLines[2]!.text.endsWith('…')).toBe(true);
    for (const l of lines) {
      expect(l.y).toBeLessThanOrEqual(CARD_HEIGHT - 30);
      expect(l.x + textWidth(l.text.replace(/&[a-z]+;/g, '&'), l.size, l.bold)).toBeLessThanOrEqual(CARD_WIDTH - 80);
    }
    // Baselines go down the card in reading order.
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.y).toBeGreaterThan(lines[i - 1]!.y);
  });

  it('leaves out the eyebrow and summary when there are none', () => {
    const shown = texts(socialCardSvg({ siteName: 'Tinker', title: 'Learn machine learning by doing' }));
    expect(shown[0]).toBe('Tinker');
    expect(shown.slice(1).join(' ')).toBe('Learn machine learning by doing');
    expect(socialCardSvg({ siteName: 'Tinker', title: 'T' })).not.toContain('fill="#0a58a8">'); // no eyebrow text
  });
});
