/**
 * Scroll regions: what is wider than a phone's screen in a lesson (a display formula, a table, a code
 * block) scrolls sideways inside its own box, never the page, and that box can be reached and
 * scrolled from the keyboard and says what it is ("Formula, scrolls sideways").
 *
 * At build time `rehypeScrollRegions` (registered in astro.config.mjs's unified processor, which
 * the MDX integration inherits) wraps every KaTeX display formula and every Markdown table in
 *
 *   <div class="tk-scroll tk-scroll--formula" data-scroll-region="formula" tabindex="0" role="group"
 *        aria-label="Formula, scrolls sideways">…</div>
 *
 * and marks every code block (`<pre>`, which scrolls itself) with the same attributes. The /author
 * preview applies the same functions (src/lib/author/render.ts). In the page,
 * src/components/scroll-regions.ts shrinks a formula that does not fit (down to MIN_FORMULA_SCALE),
 * and keeps the tab stop, role and name only on regions that really overflow (without scripts,
 * every region keeps them). Styles, with the scroll cue (shadows at the edge that has more): src/styles/scroll.css.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { escapeHtml } from '../format/html.ts';
import { SCROLL_LABELS, SCROLL_REGION_ATTRIBUTE, type ScrollKind } from './scroll-rules.ts';

/** The hast properties of a region: class (for wrappers), kind, tab stop, role and name. */
export function scrollRegionProperties(kind: ScrollKind, label: string = SCROLL_LABELS[kind], wrapper = true): Properties {
  return {
    ...(wrapper ? { className: ['tk-scroll', `tk-scroll--${kind}`] } : {}),
    dataScrollRegion: kind,
    tabIndex: 0,
    role: 'group',
    ariaLabel: label,
  };
}

/** The same attributes as HTML (for markup built as strings, as in the /author preview). */
function attributesHtml(kind: ScrollKind, label: string = SCROLL_LABELS[kind]): string {
  return `${SCROLL_REGION_ATTRIBUTE}="${kind}" tabindex="0" role="group" aria-label="${escapeHtml(label)}"`;
}

/** `innerHtml` (trusted, e.g. KaTeX's display output) inside a scroll region. */
export function scrollRegionHtml(kind: ScrollKind, innerHtml: string): string {
  return `<div class="tk-scroll tk-scroll--${kind}" ${attributesHtml(kind)}>${innerHtml}</div>`;
}

/** A code block's HTML (trusted, one `<pre>` first, as Shiki writes it) marked as a scroll region; other HTML is left as it is. */
export function markCodeBlockHtml(html: string): string {
  if (!/^<pre[\s>]/.test(html) || html.startsWith(`<pre ${SCROLL_REGION_ATTRIBUTE}`)) return html;
  const withoutTabindex = html.replace(/^<pre([^>]*?)\s+tabindex="[^"]*"/, '<pre$1');
  return withoutTabindex.replace(/^<pre/, `<pre ${attributesHtml('code')}`);
}

const classes = (node: Element): string[] => {
  const c: unknown = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

const textOf = (nodes: readonly (ElementContent | RootContent)[]): string =>
  nodes.map((n) => (n.type === 'text' ? n.value : 'children' in n ? textOf(n.children as ElementContent[]) : '')).join('');

/** Elements whose content is phrasing only: a wrapper there is a <span> (a <div> would break the paragraph). */
const PHRASING_PARENTS = new Set(['p', 'span', 'a', 'em', 'strong', 'b', 'i', 'label', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

type Parent = { type: string; tagName?: string; children: (ElementContent | RootContent)[] };

function wrap(kind: ScrollKind, node: Element, phrasing: boolean, label?: string): Element {
  const wrapper: Element = { type: 'element', tagName: phrasing ? 'span' : 'div', properties: scrollRegionProperties(kind, label), children: [node] };
  visit(wrapper);
  return wrapper;
}

function visit(parent: Parent): void {
  const phrasing = parent.type === 'mdxJsxTextElement' || PHRASING_PARENTS.has(parent.tagName ?? '');
  const inRegion = parent.type === 'element' && (parent as Element).properties?.dataScrollRegion !== undefined;
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') {
      if ('children' in child && Array.isArray(child.children)) visit(child as Parent);
      return child;
    }
    if (!inRegion && child.tagName === 'table') {
      const caption = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
      const name = caption ? textOf(caption.children).trim().replace(/\s+/g, ' ') : '';
      return wrap('table', child, phrasing, name ? `${name} (table, scrolls sideways)` : undefined);
    }
    if (!inRegion && classes(child).includes('katex-display')) return wrap('formula', child, phrasing);
    if (child.tagName === 'pre' && child.properties?.dataScrollRegion === undefined) {
      child.properties = { ...child.properties, ...scrollRegionProperties('code', undefined, false) };
      visit(child);
      return child;
    }
    visit(child);
    return child;
  });
}

/**
 * Wraps every display formula and table of `tree` in a scroll region and marks every `<pre>` as one
 * (in place; returns the tree). Formulas and tables already in a region are left alone, so running it twice changes nothing.
 */
export function wrapScrollRegions<T extends Root | Element>(tree: T): T {
  visit(tree as Parent);
  return tree;
}

/** The rehype plugin: `rehypePlugins: [rehypeKatex, rehypeScrollRegions]` (after KaTeX, whose output it wraps). */
export function rehypeScrollRegions() {
  return (tree: Root): void => {
    wrapScrollRegions(tree);
  };
}
