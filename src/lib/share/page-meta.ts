/**
 * The sharing tags of a page's <head>: canonical link, Open Graph and Twitter card. Pure: Base.astro
 * renders what this returns. Tags that need an absolute URL (canonical, og:url, og:image) are made
 * only when the site's public address is known (SITE_URL); without it a page still gets its title,
 * description and type, and Twitter's plain "summary" card.
 */

export interface SocialImage {
  /** Absolute URL of the PNG, or undefined when the site's address is unknown. */
  url: string | undefined;
  width: number;
  height: number;
  /** What the image shows, for readers who cannot see it. */
  alt: string;
}

export interface PageMetaInput {
  /** The page's title as shared (without the " · Tinker" suffix of the browser tab's title). */
  title: string;
  description: string;
  /** The page's absolute URL, or undefined when the site's address is unknown. */
  url: string | undefined;
  /** 'article' for a lesson, 'website' for other pages. */
  type: 'website' | 'article';
  siteName: string;
  image: SocialImage;
}

/** One <meta> tag: Open Graph uses `property`, the others `name`. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

export interface PageMeta {
  /** href of <link rel="canonical">, when the page's absolute URL is known. */
  canonical: string | undefined;
  tags: MetaTag[];
}

export function pageMeta({ title, description, url, type, siteName, image }: PageMetaInput): PageMeta {
  const tags: MetaTag[] = [
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:type', content: type },
    { property: 'og:site_name', content: siteName },
    { property: 'og:locale', content: 'en' },
  ];
  if (url) tags.push({ property: 'og:url', content: url });
  if (image.url) {
    tags.push(
      { property: 'og:image', content: image.url },
      { property: 'og:image:type', content: 'image/png' },
      { property: 'og:image:width', content: String(image.width) },
      { property: 'og:image:height', content: String(image.height) },
      { property: 'og:image:alt', content: image.alt },
      { name: 'twitter:card', content: 'summary_large_image' },
      { name: 'twitter:image:alt', content: image.alt },
    );
  } else {
    tags.push({ name: 'twitter:card', content: 'summary' });
  }
  return { canonical: url, tags };
}

/** The text a social card shows, as one sentence for its alt text. */
export function cardAlt(card: { siteName: string; title: string; eyebrow?: string | undefined; summary?: string | undefined }): string {
  const parts = [card.siteName, card.eyebrow, card.title].filter(Boolean).join(' · ');
  return card.summary ? `${parts}: ${card.summary}` : parts;
}
