/**
 * The sanitiser of the /author preview: every piece of HTML that comes from the document (Markdown
 * turned into HTML, and raw HTML written as lower-case JSX tags) passes through hast-util-sanitize
 * before it reaches the page.
 *
 * The schema is GitHub's (hast-util-sanitize's `defaultSchema`: what github.com allows in a README),
 * which already keeps `language-*` classes on <code>, drops <script>/<style>/<iframe>/<object>/
 * <embed>/<form>/<meta>/<base>/<link>, every `on*` handler, `style`, `srcdoc`, and any URL whose
 * protocol is not http(s)/mailto/… (so no `javascript:`, `vbscript:` or `data:`), and prefixes
 * author ids and names with `user-content-` (no DOM clobbering of the page's own ids).
 *
 * One addition: a small static SVG subset (shapes and text with presentation attributes), because
 * lessons draw diagrams as inline <svg> (02-neuron-from-scratch.mdx). It has no element
 * that can load or run anything (no <script>, <use>, <image>, <foreignObject>, <a>, animation
 * elements), no `href`/`xlink:href` and no `style`.
 *
 * Context. hast-util-sanitize checks each element on its own, not where it stands, and the page
 * gets a string, not a tree. So after it, `enforceContext` allows the SVG-only elements only
 * inside an <svg> (outside one, <title> is an RCDATA element whose text an attribute value could
 * end early), allows only SVG elements inside an <svg> (an HTML tag there breaks out of it when
 * parsed) and only text inside an SVG <title>/<desc>; anything out of place is unwrapped (its
 * content kept, as the sanitiser does with unknown elements). Raw-text and RCDATA elements are
 * never allowed anywhere. Then `sanitizeToHtml` serialises the result and parses it again as the
 * browser will (html-tree.ts); if the trees differ, the block is refused instead of shown.
 *
 * What the sanitiser never sees is the preview's own trusted markup (KaTeX output, the Callout/
 * Figure/Quiz markup from src/lib/markup, placeholder and error boxes): render.ts builds it from
 * escaped strings and puts it in after sanitising (see the placeholder comment there).
 */
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { hastToTree, parseHtmlTree, treeDifference } from './html-tree.ts';

/** SVG elements a diagram may use: static shapes and text only. */
export const SVG_TAGS = ['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc'] as const;

/** Presentation attributes (hast property names) allowed on those SVG elements. */
const SVG_ATTRIBUTES = [
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'dx',
  'dy',
  'transform',
  'fill',
  'fillOpacity',
  'fillRule',
  'stroke',
  'strokeWidth',
  'strokeLinecap',
  'strokeLinejoin',
  'strokeDasharray',
  'strokeOpacity',
  'opacity',
  'fontSize',
  'fontWeight',
  'fontFamily',
  'fontStyle',
  'textAnchor',
  'dominantBaseline',
  'preserveAspectRatio',
  'role',
  'ariaLabel',
  'ariaHidden',
  'focusable',
];

const defaultAttributes = defaultSchema.attributes ?? {};

/** GitHub's schema plus the static SVG subset, less `action` (allowed there on any element, with any URL). */
export const previewSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...SVG_TAGS],
  attributes: {
    ...defaultAttributes,
    '*': (defaultAttributes['*'] ?? []).filter((a) => a !== 'action'),
    ...Object.fromEntries(SVG_TAGS.map((tag) => [tag, [...(defaultAttributes[tag] ?? []), ...SVG_ATTRIBUTES]])),
  },
};

const SVG_SET: ReadonlySet<string> = new Set(SVG_TAGS);

/**
 * Elements whose content the HTML parser reads as raw text or RCDATA (plus <plaintext>, which
 * swallows the rest of the page). None is in the schema; `enforceContext` removes them anyway, so
 * a future schema change cannot let one in.
 */
export const RAW_TEXT_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'textarea',
  'title',
  'template',
]);

/** The text of a node (for an element that may hold text only). */
function textOf(nodes: readonly ElementContent[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : n.type === 'element' ? textOf(n.children) : '')).join('');
}

/** Unwraps every element standing where the HTML parser would not keep it (see the top of this file). */
export function enforceContext(nodes: readonly ElementContent[], inSvg = false): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'element') {
      out.push(node);
      continue;
    }
    const name = node.tagName;
    const allowed = inSvg ? SVG_SET.has(name) : name === 'svg' || (!SVG_SET.has(name) && !RAW_TEXT_TAGS.has(name));
    if (!allowed) {
      if (name === 'script' || name === 'style' || name === 'template') continue; // their content is code, never text
      out.push(...enforceContext(node.children, inSvg));
      continue;
    }
    const svgNow = inSvg || name === 'svg';
    const children: ElementContent[] =
      svgNow && (name === 'title' || name === 'desc') ? [{ type: 'text', value: textOf(node.children) }] : enforceContext(node.children, svgNow);
    out.push({ ...node, children });
  }
  return out;
}

/** A sanitised copy of `tree` (the input is left as it was): the schema, then the context rules. */
export function sanitizeTree(tree: Root): Root {
  const clean = sanitize(tree, previewSchema) as Root;
  return { ...clean, children: enforceContext(clean.children as ElementContent[]) as Root['children'] };
}

/** Elements whose first newline the parser drops: serialising one that starts with a newline needs a second. */
const NEWLINE_EATERS = new Set(['pre', 'listing', 'textarea']);

function keepLeadingNewlines(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.map((node) => {
    if (node.type !== 'element') return node;
    const children = keepLeadingNewlines(node.children);
    const first = children[0];
    if (NEWLINE_EATERS.has(node.tagName) && first?.type === 'text' && /^\r?\n/.test(first.value)) {
      children[0] = { ...first, value: `\n${first.value}` };
    }
    return { ...node, children };
  });
}

/** The outcome of sanitising a block: its HTML, or why it was refused. */
export type SanitizedHtml = { ok: true; html: string } | { ok: false; reason: string };

/**
 * Sanitises author hast and serialises it, then proves the HTML parses back into exactly the
 * approved tree, both as a <template>'s content (how the preview builds nodes) and as a <div>'s
 * (where they go). When it does not, the block is refused: `reason` names the first difference.
 * `decorate` adds the preview's own trusted markup to the approved tree before it is serialised
 * (render.ts: the scroll regions around tables), so the sanitiser never has to allow it in a document.
 */
export function sanitizeToHtml(children: readonly ElementContent[], decorate?: (approved: Root) => Root): SanitizedHtml {
  const clean = sanitizeTree({ type: 'root', children: [...children] as Root['children'] });
  const approved = (decorate ? decorate(clean) : clean).children as ElementContent[];
  const html = toHtml({ type: 'root', children: keepLeadingNewlines(approved) as Root['children'] });
  const expected = hastToTree(approved);
  for (const context of ['template', 'div'] as const) {
    const difference = treeDifference(expected, parseHtmlTree(html, context));
    if (difference !== null) return { ok: false, reason: difference };
  }
  return { ok: true, html };
}
