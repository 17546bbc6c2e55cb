/**
 * The preview's building blocks below the renderer (render.ts): parsing one block of MDX, MDX's
 * unravelling of JSX-only paragraphs, text and word counts of mdast, the problem box, plain code
 * blocks and lower-case JSX tags as hast elements. No state: the renderer keeps that.
 */
import type { Element, ElementContent, Properties } from 'hast';
import type { Nodes as MdastNodes, Parents as MdastParents, Root as MdastRoot, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import { mdxjs } from 'micromark-extension-mdxjs';
import { find, html as htmlSchema, svg as svgSchema } from 'property-information';
import remarkSmartypants from 'remark-smartypants';
import { escapeHtml } from '../format/html.ts';

export const SMARTYPANTS = (remarkSmartypants as unknown as () => (tree: MdastRoot) => void)();

const MICROMARK_EXTENSIONS = [mdxjs(), gfm(), math()];
const MDAST_EXTENSIONS = [mdxFromMarkdown(), gfmFromMarkdown(), mathFromMarkdown()];

/** Parses one block of MDX (throws micromark's VFileMessage on a syntax error). */
export function parseBlock(text: string): MdastRoot {
  return fromMarkdown(text, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS });
}

export function randomNonce(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const defaultSiteUrl = (path: string) => `/${path.replace(/^\/+/, '')}`;

export const isWhitespaceText = (node: RootContent) => node.type === 'text' && /^\s*$/.test(node.value);

/**
 * MDX's "unravel": a paragraph holding only JSX elements and expressions (and white space) is
 * replaced by them, as flow nodes (so `<Callout>text</Callout>` on one line is not wrapped in <p>).
 */
export function unravel(parent: MdastParents): void {
  const out: RootContent[] = [];
  let changed = false;
  for (const child of parent.children as RootContent[]) {
    if (
      child.type === 'paragraph' &&
      child.children.some((c) => c.type === 'mdxJsxTextElement' || c.type === 'mdxTextExpression') &&
      child.children.every((c) => c.type === 'mdxJsxTextElement' || c.type === 'mdxTextExpression' || isWhitespaceText(c))
    ) {
      changed = true;
      for (const c of child.children) {
        if (c.type === 'mdxJsxTextElement') out.push({ ...c, type: 'mdxJsxFlowElement' } as unknown as RootContent);
        else if (c.type === 'mdxTextExpression') out.push({ ...c, type: 'mdxFlowExpression' } as unknown as RootContent);
      }
    } else out.push(child);
  }
  if (changed) (parent as { children: RootContent[] }).children = out;
  for (const child of parent.children as RootContent[]) if ('children' in child) unravel(child as MdastParents);
}

/** Plain text of an mdast node (for heading slugs and word counts). */
export function mdastText(node: MdastNodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'inlineMath') return node.value;
  if ('children' in node) return (node.children as MdastNodes[]).map(mdastText).join('');
  return '';
}

/** Whitespace-separated words of prose (text nodes outside code, maths and expressions). */
export function countWords(node: MdastNodes): number {
  if (node.type === 'text') return node.value.split(/\s+/).filter(Boolean).length;
  if ('children' in node) return (node.children as MdastNodes[]).reduce((sum, child) => sum + countWords(child), 0);
  return 0;
}

/** A red box for a problem that would fail the build (or a warning box), with its message. */
export function problemBox(kind: 'error' | 'warning', title: string, message: string, flow: boolean): string {
  const tag = flow ? 'div' : 'span';
  return (
    `<${tag} class="author-problem author-problem-${kind}" role="note">` +
    `<strong class="author-problem-title">${escapeHtml(title)}</strong> ` +
    `<span class="author-problem-message">${escapeHtml(message)}</span></${tag}>`
  );
}

const SVG_CHILD = new Set(['g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc', 'defs']);

/** A code block before highlighting: escaped text in a focusable <pre>, as Astro's Shiki blocks are (tabindex 0). */
export function plainCodeHtml(code: string, lang: string | null | undefined): string {
  const language = lang ? ` class="language-${escapeHtml(lang.split(/\s/)[0] ?? '')}"` : '';
  return `<pre tabindex="0"><code${language}>${escapeHtml(code.replace(/\n$/, ''))}\n</code></pre>`;
}

/** A lower-case JSX tag: a hast element with its literal attributes (sanitised later with the rest). */
export function htmlElement(name: string, props: Record<string, unknown>, children: ElementContent[]): Element {
  const inSvg = name === 'svg' || SVG_CHILD.has(name);
  const properties: Properties = {};
  for (const [attribute, value] of Object.entries(props)) {
    const info = find(inSvg ? svgSchema : htmlSchema, attribute);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') properties[info.property] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      properties[info.property] = value as string[];
    // Objects (style={{…}}) are left out: the sanitiser drops style anyway.
  }
  return { type: 'element', tagName: name, properties, children };
}
