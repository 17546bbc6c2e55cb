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
 * lessons draw diagrams as inline <svg> (02-neural-network-from-scratch.mdx). It has no element
 * that can load or run anything (no <script>, <use>, <image>, <foreignObject>, <a>, animation
 * elements), no `href`/`xlink:href` and no `style`.
 *
 * What the sanitiser never sees is the preview's own trusted markup (KaTeX output, the Callout/
 * Figure/Quiz markup from src/lib/markup, placeholder and error boxes): render.ts builds it from
 * escaped strings and puts it in after sanitising (see the placeholder comment there).
 */
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Root } from 'hast';

/** SVG elements a diagram may use: static shapes and text only. */
export const SVG_TAGS = ['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc'] as const;

/** Presentation attributes (hast property names) allowed on those SVG elements. */
const SVG_ATTRIBUTES = [
  'viewBox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'dx', 'dy',
  'transform', 'fill', 'fillOpacity', 'fillRule', 'stroke', 'strokeWidth', 'strokeLinecap', 'strokeLinejoin',
  'strokeDasharray', 'strokeOpacity', 'opacity', 'fontSize', 'fontWeight', 'fontFamily', 'fontStyle', 'textAnchor',
  'dominantBaseline', 'preserveAspectRatio', 'role', 'ariaLabel', 'ariaHidden', 'focusable',
];

const defaultAttributes = defaultSchema.attributes ?? {};

/** GitHub's schema plus the static SVG subset. */
export const previewSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...SVG_TAGS],
  attributes: {
    ...defaultAttributes,
    ...Object.fromEntries(SVG_TAGS.map((tag) => [tag, [...(defaultAttributes[tag] ?? []), ...SVG_ATTRIBUTES]])),
  },
};

/** A sanitised copy of `tree` (the input is left as it was). */
export function sanitizeTree(tree: Root): Root {
  return sanitize(tree, previewSchema) as Root;
}
