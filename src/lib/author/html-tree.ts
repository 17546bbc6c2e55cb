/**
 * The preview's round-trip check: does a piece of HTML parse, in the browser, into the tree the
 * sanitiser approved?
 *
 * Why. The sanitiser (sanitize.ts) works on a tree, but the page receives a string. HTML's parser
 * is context-sensitive: inside a raw-text or RCDATA element (`<style>`, `<title>`, `<textarea>`,
 * `<noscript>`, `<xmp>`, `<iframe>`, `<noembed>`, `<plaintext>`…) a `</title>` in an attribute
 * value ends the element, and inside `<svg>` an HTML tag such as `<img>` or `<p>` breaks out of
 * the SVG. A harmless tree can therefore serialise to a string that parses into a different,
 * live tree (mutation XSS). So the renderer serialises the approved tree, parses the string again
 * with parse5 (the HTML standard's parser, as browsers implement it) in the contexts the preview
 * uses, and refuses the block when the trees differ.
 *
 * Trees are compared through a small neutral shape (TreeNode) that the browser side
 * (src/widgets/author/preview-dom.ts) builds from real DOM nodes too, so the page checks the same
 * thing again with the browser's own parser before inserting anything.
 */
import type { ElementContent, Properties } from 'hast';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { find, html as htmlSchema, svg as svgSchema } from 'property-information';

export type Namespace = 'html' | 'svg' | 'math' | 'other';

/** A node as the comparison sees it (elements, text and comments; nothing else matters). */
export type TreeNode =
  | { type: 'element'; ns: Namespace; name: string; attrs: Array<[string, string]>; children: TreeNode[] }
  | { type: 'text'; value: string }
  | { type: 'comment'; value: string };

const NAMESPACES: Record<string, Namespace> = {
  'http://www.w3.org/1999/xhtml': 'html',
  'http://www.w3.org/2000/svg': 'svg',
  'http://www.w3.org/1998/Math/MathML': 'math',
};

/** The short name of a namespace URI. */
export function namespaceOf(uri: string | null | undefined): Namespace {
  return NAMESPACES[uri ?? ''] ?? 'other';
}

// ---------------------------------------------------------------------------------------------
// hast (the approved tree) → TreeNode

/** SVG elements whose children are parsed as HTML (the standard's HTML integration points). */
const SVG_HTML_POINTS = new Set(['foreignObject', 'desc', 'title']);

function propertyValue(value: Properties[string]): string | null {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return '';
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

/** The approved tree in the neutral shape, with the namespace each element gets from its place. */
export function hastToTree(nodes: readonly ElementContent[], ns: Namespace = 'html'): TreeNode[] {
  const out: TreeNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push({ type: 'text', value: node.value });
    else if (node.type === 'comment') out.push({ type: 'comment', value: node.value });
    else if (node.type === 'element') {
      const own: Namespace = ns === 'html' && node.tagName === 'svg' ? 'svg' : ns === 'html' && node.tagName === 'math' ? 'math' : ns;
      const schema = own === 'svg' ? svgSchema : htmlSchema;
      const attrs: Array<[string, string]> = [];
      for (const [property, raw] of Object.entries(node.properties ?? {})) {
        const value = propertyValue(raw);
        if (value !== null) attrs.push([find(schema, property).attribute, value]);
      }
      const inner: Namespace = own === 'svg' && SVG_HTML_POINTS.has(node.tagName) ? 'html' : own;
      out.push({ type: 'element', ns: own, name: node.tagName, attrs, children: hastToTree(node.children, inner) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTML string → TreeNode, with parse5

type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];

let divContext: P5Element | undefined;

function fromParse5(nodes: readonly P5Node[]): TreeNode[] {
  const out: TreeNode[] = [];
  for (const node of nodes) {
    if (node.nodeName === '#text') out.push({ type: 'text', value: (node as DefaultTreeAdapterMap['textNode']).value });
    else if (node.nodeName === '#comment') out.push({ type: 'comment', value: (node as DefaultTreeAdapterMap['commentNode']).data });
    else if ('tagName' in node) {
      const element = node as P5Element;
      const ns = namespaceOf(element.namespaceURI);
      const attrs = element.attrs.map((a): [string, string] => [a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value]);
      // A <template>'s children live in its content fragment.
      const children =
        element.tagName === 'template' && 'content' in element
          ? (element as DefaultTreeAdapterMap['template']).content.childNodes
          : element.childNodes;
      out.push({ type: 'element', ns, name: element.tagName, attrs, children: fromParse5(children) });
    }
  }
  return out;
}

/**
 * Parses `html` as the browser does when it is set as the innerHTML of a `<template>` (how the
 * preview builds a block's nodes) or of a `<div>` (where the nodes end up).
 */
export function parseHtmlTree(html: string, context: 'template' | 'div'): TreeNode[] {
  if (context === 'template') return fromParse5(parseFragment(html).childNodes);
  divContext ??= parseFragment('<div></div>').childNodes[0] as P5Element;
  return fromParse5(parseFragment(divContext, html, {}).childNodes);
}

// ---------------------------------------------------------------------------------------------
// Comparison

/** The parser turns CR and CRLF into LF and drops or replaces NUL: not a difference that matters. */
const normalText = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '');
const normalValue = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');

/**
 * One line per node, in document order, with its depth: adjacent text nodes are merged (the
 * parser merges them) and attributes sorted. Two trees are the same when their lines are.
 */
export function treeLines(nodes: readonly TreeNode[]): string[] {
  const lines: string[] = [];
  const walk = (list: readonly TreeNode[], depth: number) => {
    let text: string | null = null;
    const flush = () => {
      if (text !== null && text !== '') lines.push(`${depth} #text ${JSON.stringify(text)}`);
      text = null;
    };
    for (const node of list) {
      if (node.type === 'text') {
        text = (text ?? '') + normalText(node.value);
        continue;
      }
      flush();
      if (node.type === 'comment') lines.push(`${depth} #comment ${JSON.stringify(node.value)}`);
      else {
        const attrs = node.attrs
          .map(([name, value]) => `${name}=${JSON.stringify(normalValue(value))}`)
          .sort()
          .join(' ');
        lines.push(`${depth} <${node.ns}:${node.name}${attrs ? ` ${attrs}` : ''}>`);
        walk(node.children, depth + 1);
      }
    }
    flush();
  };
  walk(nodes, 0);
  return lines;
}

/** The first place where two trees differ, in words (null when they are the same). */
export function treeDifference(expected: readonly TreeNode[], actual: readonly TreeNode[]): string | null {
  const a = treeLines(expected);
  const b = treeLines(actual);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    return `expected ${describeLine(a, i)}, the browser would make ${describeLine(b, i)}`;
  }
  return null;
}

/** Line `i` of `lines` in words: the node and the element it is in. */
function describeLine(lines: readonly string[], i: number): string {
  const line = lines[i];
  if (line === undefined) return 'nothing more';
  const short = (l: string) => {
    const node = l.replace(/^\d+ /, '').replace(/^<html:/, '<');
    return node.length > 100 ? `${node.slice(0, 100)}…` : node;
  };
  const depth = Number.parseInt(line, 10);
  for (let j = i - 1; j >= 0 && depth > 0; j--) {
    if (Number.parseInt(lines[j]!, 10) === depth - 1) return `${short(line)} inside ${short(lines[j]!).replace(/ .*>$/, '>')}`;
  }
  return `${short(line)} at the top`;
}

// ---------------------------------------------------------------------------------------------
// The last wall: what may never be in the preview, whoever made the HTML

/** Elements the preview never shows (any namespace); <script> only as the quiz's JSON data. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'style',
  'frame',
  'frameset',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'textarea',
  'template',
  'portal',
  'foreignobject',
  'use',
  'image',
  'animate',
  'animatemotion',
  'animatetransform',
  'set',
  'handler',
  'listener',
]);

/** Attributes that hold a URL the browser may load or navigate to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'data',
  'background',
  'cite',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'ping',
  'manifest',
  'codebase',
  'srcset',
  'imagesrcset',
]);

/** A URL scheme that runs script or loads a page (after the spaces and controls browsers ignore). */
const DANGEROUS_URL = /^(javascript|vbscript|livescript|data(?!:image\/(png|gif|jpe?g|webp|avif)[;,])):/i;

/**
 * The first thing in `nodes` that may run script or load a page (null when none): an element
 * from FORBIDDEN_ELEMENTS (the quiz's `<script type="application/json">` and feedback `<template>`s excepted, which the
 * browser never runs), an `on*` event handler, `srcdoc`, a `javascript:`/`vbscript:`/`data:`
 * (other than an image) URL, a form outside the quiz markup or a form `action`, or a style with
 * `url(`, `expression(` or `javascript:`.
 */
export function unsafeInTree(nodes: readonly TreeNode[], inQuiz = false): string | null {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    const name = node.name.toLowerCase();
    // The only form is the quiz's own (src/lib/markup/quiz.ts), which submits nowhere.
    if (name === 'form' && !inQuiz) return 'a <form> element outside a quiz';
    const attr = (wanted: string) => node.attrs.find(([n]) => n.toLowerCase() === wanted)?.[1];
    if (name === 'script') {
      if (node.ns !== 'html' || attr('type') !== 'application/json' || node.attrs.some(([n]) => n.toLowerCase() === 'src'))
        return 'a <script> element';
    } else if (name === 'template' && inQuiz && node.ns === 'html' && attr('data-part') === 'feedback') {
      // The quiz's feedback texts (src/lib/markup/quiz.ts): inert until the quiz copies one into its
      // status line. Their content is checked below like everything else.
    } else if (FORBIDDEN_ELEMENTS.has(name) || (name === 'title' && node.ns === 'html')) return `a <${node.name}> element`;
    if (node.ns === 'other') return `an element in an unknown namespace (<${node.name}>)`;
    for (const [rawName, value] of node.attrs) {
      const attribute = rawName.toLowerCase();
      if (attribute.startsWith('on')) return `an event handler (${rawName}) on <${node.name}>`;
      if (attribute === 'srcdoc') return `a srcdoc attribute on <${node.name}>`;
      if (URL_ATTRIBUTES.has(attribute) || attribute.endsWith(':href')) {
        // Browsers skip leading spaces and controls, and drop tabs and newlines inside a URL.
        const urls = attribute.endsWith('srcset') ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value];
        for (const url of urls) {
          // eslint-disable-next-line no-control-regex -- browsers ignore these characters in a URL, so must the check
          if (DANGEROUS_URL.test(url.replace(/[\u0000-\u0020\u007f]/g, ''))) return `a ${rawName}="${value.slice(0, 40)}" URL on <${node.name}>`;
        }
      }
      if (((attribute === 'action' && name === 'form') || attribute === 'formaction') && value.trim() !== '')
        return `a form ${rawName} on <${node.name}>`;
      if (attribute === 'style' && /url\s*\(|expression\s*\(|javascript:|@import/i.test(value.replace(/\\/g, '')))
        return `a style that loads or runs something on <${node.name}>`;
    }
    const inner = unsafeInTree(node.children, inQuiz || name === 'tk-quiz');
    if (inner !== null) return inner;
  }
  return null;
}
