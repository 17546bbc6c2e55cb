import { describe, expect, it } from 'vitest';
import { cardAlt, pageMeta, type MetaTag } from './page-meta.ts';
import { absoluteUrl, parseSiteUrl } from './site-url.ts';
import { lessonCard, lessonCardPath, SITE_CARD } from './cards.ts';
import { robotsTxt } from './robots.ts';

const content = (tags: MetaTag[], key: string) => tags.filter((t) => ('property' in t ? t.property : t.name) === key).map((t) => t.content);

describe('pageMeta', () => {
  const input = {
    title: 'Start here · Tinker',
    description: 'Your first neural network.',
    type: 'article' as const,
    siteName: 'Tinker',
  };

  it('with the site known: canonical, og:url and a large image card with its size and alt text', () => {
    const meta = pageMeta({
      ...input,
      url: 'https://example.org/tinker/lessons/start-here/',
      image: { url: 'https://example.org/tinker/og/lessons/start-here.png', width: 1200, height: 630, alt: 'Start here' },
    });
    expect(meta.canonical).toBe('https://example.org/tinker/lessons/start-here/');
    expect(content(meta.tags, 'og:url')).toEqual(['https://example.org/tinker/lessons/start-here/']);
    expect(content(meta.tags, 'og:title')).toEqual(['Start here · Tinker']);
    expect(content(meta.tags, 'og:description')).toEqual(['Your first neural network.']);
    expect(content(meta.tags, 'og:type')).toEqual(['article']);
    expect(content(meta.tags, 'og:image')).toEqual(['https://example.org/tinker/og/lessons/start-here.png']);
    expect(content(meta.tags, 'og:image:width')).toEqual(['1200']);
    expect(content(meta.tags, 'og:image:height')).toEqual(['630']);
    expect(content(meta.tags, 'og:image:alt')).toEqual(['Start here']);
    expect(content(meta.tags, 'twitter:card')).toEqual(['summary_large_image']);
  });

  it('without the site: no canonical, og:url or og:image (they must be absolute), and a plain summary card', () => {
    const meta = pageMeta({ ...input, url: undefined, image: { url: undefined, width: 1200, height: 630, alt: 'x' } });
    expect(meta.canonical).toBeUndefined();
    expect(content(meta.tags, 'og:url')).toEqual([]);
    expect(content(meta.tags, 'og:image')).toEqual([]);
    expect(content(meta.tags, 'og:image:alt')).toEqual([]);
    expect(content(meta.tags, 'og:title')).toEqual(['Start here · Tinker']);
    expect(content(meta.tags, 'twitter:card')).toEqual(['summary']);
  });

  it('uses property for Open Graph tags and name for Twitter tags', () => {
    const meta = pageMeta({ ...input, url: 'https://a.org/', image: { url: 'https://a.org/i.png', width: 1, height: 1, alt: 'a' } });
    for (const tag of meta.tags) {
      const key = 'property' in tag ? tag.property : tag.name;
      expect('property' in tag).toBe(key.startsWith('og:'));
    }
  });
});

describe('parseSiteUrl', () => {
  it('returns the origin of a valid address, and undefined when unset or blank', () => {
    expect(parseSiteUrl('https://example.org')).toBe('https://example.org');
    expect(parseSiteUrl(' https://example.org/ ')).toBe('https://example.org');
    expect(parseSiteUrl('http://localhost:4321')).toBe('http://localhost:4321');
    expect(parseSiteUrl(undefined)).toBeUndefined();
    expect(parseSiteUrl('')).toBeUndefined();
  });

  it('rejects what is not an origin, saying what to write instead', () => {
    expect(() => parseSiteUrl('example.org')).toThrow(/not a URL.*SITE_URL=https:\/\/example.org/);
    expect(() => parseSiteUrl('ftp://example.org')).toThrow(/must start with https:\/\//);
    expect(() => parseSiteUrl('https://me.github.io/tinker')).toThrow(/origin only.*SITE_URL=https:\/\/me.github.io BASE_PATH=\/tinker\//);
    expect(() => parseSiteUrl('https://example.org/?a=1')).toThrow(/origin only/);
  });
});

describe('absoluteUrl', () => {
  it('joins the site and a path that already holds the base', () => {
    expect(absoluteUrl('https://example.org', '/tinker/lessons/x/')).toBe('https://example.org/tinker/lessons/x/');
    expect(absoluteUrl(new URL('https://example.org'), '/')).toBe('https://example.org/');
    expect(absoluteUrl(undefined, '/x/')).toBeUndefined();
  });
});

describe('cards', () => {
  it("a lesson's card names its track and position; its alt text says what the card shows", () => {
    const card = lessonCard({ title: 'Start here', summary: 'First steps.', track: 'foundations' }, { number: 1, total: 4 });
    expect(card).toEqual({ siteName: 'Tinker', eyebrow: 'Foundations · Lesson 1 of 4', title: 'Start here', summary: 'First steps.' });
    expect(cardAlt(card)).toBe('Tinker · Foundations · Lesson 1 of 4 · Start here: First steps.');
    expect(cardAlt(SITE_CARD)).toMatch(/^Tinker · Learn machine learning by doing: /);
  });

  it("a lesson's card lives at og/lessons/<slug>.png, and a slug that could escape that folder is refused", () => {
    expect(lessonCardPath('start-here')).toBe('og/lessons/start-here.png');
    expect(() => lessonCardPath('../x')).toThrow(/lower-case letters, digits and dashes/);
  });
});

describe('robotsTxt', () => {
  it('names the sitemap under the base when the site is known, and keeps crawlers out of data/', () => {
    expect(robotsTxt({ base: '/tinker/', site: 'https://example.org' })).toBe(
      'User-agent: *\nDisallow: /tinker/data/\nAllow: /\n\nSitemap: https://example.org/tinker/sitemap-index.xml\n',
    );
  });
  it('has no Sitemap line without a site', () => {
    expect(robotsTxt({ base: '/', site: undefined })).toBe('User-agent: *\nDisallow: /data/\nAllow: /\n');
  });
});
