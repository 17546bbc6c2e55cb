/**
 * The /author live preview: a lesson document (frontmatter + MDX body) → HTML that looks like the
 * published lesson, fast enough to re-render on every keystroke and safe to put in the page.
 *
 * Per render: parseFrontmatter → the lesson header (or a best-effort header and a box listing the
 * frontmatter problems); splitBlocks → top-level blocks. Each block's HTML is cached by its text,
 * so an edit re-renders only the block it touches (and KaTeX output is cached per formula).
 *
 * Per block: micromark with MDX, GFM and maths → mdast; paragraphs holding only JSX are unwrapped
 * as MDX does; smart punctuation (remark-smartypants, as Astro's default); mdast → hast with
 * handlers for maths, code and the MDX nodes; the hast is SANITISED (sanitize.ts) and serialised.
 *
 * Trusted markup and placeholders. Everything the preview itself makes (KaTeX output, Shiki
 * output, Callout/Figure/Quiz markup from src/lib/markup, placeholder and error boxes) must not go
 * through the sanitiser (it would strip KaTeX's MathML and the quiz's form) and must not be
 * forgeable by the document. So the hast handlers emit, in its place, a TEXT node holding a token
 * `\uE000<nonce><n>\uE001`, and keep the trusted HTML in a table; after sanitising and serialising,
 * each token is replaced by its HTML. Authors cannot forge a token: the two private-use characters
 * are replaced in the block text before parsing (by U+FFFD, same length, so positions hold), and
 * the nonce is random per renderer. A token the sanitiser dropped (inside a stripped element)
 * simply vanishes with it. Heading ids work the same way: each heading gets the id `<nonce>h<n>`
 * (the sanitiser prefixes it with `user-content-` like every id), and the document pass swaps the
 * prefixed token for the github-slugger slug (ids depend on earlier headings, so they are not part
 * of a block's cached HTML).
 *
 * Parts: render-mdast.ts (parsing and mdast helpers), render-components.ts (Callout, Figure, MarginNote, Quiz,
 * SourceLink and widget placeholders), render-head.ts (the lesson header or the frontmatter's problems).
 *
 * The preview never runs code from the document: JSX attribute values are read as literals only
 * (mdx-props.ts); `{…}` expressions show a small placeholder; `import`/`export` lines show nothing.
 */
import GithubSlugger from 'github-slugger';
import type { ElementContent, Root as HastRoot, Text as HastText } from 'hast';
import type { Code, Heading, Parents as MdastParents, Root as MdastRoot, RootContent } from 'mdast';
import { defaultHandlers, toHast, type Handler, type State } from 'mdast-util-to-hast';
import { splitBlocks } from './blocks.ts';
import { AUTHOR_COMPONENTS, authorComponent } from './components.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { createMathRenderer, formulaKey, type MathRenderer } from './math.ts';
import { readJsxProps } from './mdx-props.ts';
import { previewHeadHtml } from './render-head.ts';
import { renderComponent, type JsxElement } from './render-components.ts';
import {
  countWords,
  defaultSiteUrl,
  htmlElement,
  mdastText,
  parseBlock,
  plainCodeHtml,
  problemBox,
  randomNonce,
  SMARTYPANTS,
  unravel,
} from './render-mdast.ts';
import { sanitizeToHtml } from './sanitize.ts';
import { markCodeBlockHtml, scrollRegionHtml, wrapScrollRegions } from '../markup/scroll-region.ts';
import type {
  AuthorDiagnostic,
  CodeHighlighter,
  FrontmatterResult,
  PreviewHeading,
  PreviewRenderer,
  PreviewRendererOptions,
  PreviewResult,
  RenderedBlock,
  SourceBlock,
} from './types.ts';
import { errorText } from '../format/error-text.ts';

/** A diagnostic found in a block, with its line relative to the block (1 = the block's first line). */
interface BlockDiagnostic extends Omit<AuthorDiagnostic, 'line' | 'from' | 'to'> {
  line: number;
  from?: number;
  to?: number;
}

/** The cached result of one block's text. */
interface BlockEntry {
  id: number;
  /** HTML with heading-id tokens still in it. */
  template: string;
  /** The block's headings in order (their ids are tokens `h0`, `h1`, … in the template). */
  headings: { depth: number; text: string }[];
  diagnostics: BlockDiagnostic[];
  formulaKeys: string[];
  hasCode: boolean;
  /** Whether the template holds block-relative line markers (`<nonce>l<n>`, an MDX error box). */
  hasLineMarker?: boolean;
  words: number;
}

const KNOWN_NAMES = AUTHOR_COMPONENTS.map((c) => c.name).join(', ');

export function createPreviewRenderer(options: PreviewRendererOptions = {}): PreviewRenderer {
  let highlight: CodeHighlighter | undefined = options.highlight;
  const siteUrl = options.siteUrl ?? defaultSiteUrl;
  const nonce = randomNonce();
  const tokenPattern = new RegExp(`\\uE000${nonce}(\\d+)\\uE001`, 'g');
  const headingIdPattern = new RegExp(`user-content-${nonce}h(\\d+)`, 'g');
  const lineMarkerPattern = new RegExp(`${nonce}l(\\d+)`, 'g');
  const mathRenderer: MathRenderer = createMathRenderer();
  let blockCache = new Map<string, BlockEntry>();
  let nextEntryId = 1;

  /** Renders one block's text (never throws). */
  function renderBlock(text: string): BlockEntry {
    const slots: string[] = [];
    const headings: BlockEntry['headings'] = [];
    const diagnostics: BlockDiagnostic[] = [];
    const formulaKeys: string[] = [];
    let hasCode = false;

    const slot = (html: string): HastText => {
      slots.push(html);
      return { type: 'text', value: `\uE000${nonce}${slots.length - 1}\uE001` };
    };
    const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 1;
    const rangeOf = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }) =>
      node.position?.start.offset !== undefined && node.position.end.offset !== undefined
        ? { from: node.position.start.offset, to: node.position.end.offset }
        : {};

    /**
     * Sanitises and serialises author hast, checks that the HTML parses back into the approved
     * tree (sanitize.ts), then puts the trusted slots back. HTML that would parse differently is
     * refused: an error box and a diagnostic take its place.
     */
    const finish = (
      children: ElementContent[],
      node?: { position?: { start: { line: number; offset?: number }; end: { offset?: number } } },
    ): string => {
      const result = sanitizeToHtml(children, wrapScrollRegions);
      if (!result.ok) {
        const first = children.find((c) => c.position)?.position;
        const where =
          node ?? (first ? { position: { start: first.start, end: children.findLast((c) => c.position)?.position?.end ?? first.end } } : {});
        const message =
          `The browser would read this HTML differently from what the preview checked (${result.reason}), so the preview does not show it. ` +
          'Keep SVG elements inside <svg>, close every tag where it opens, and keep closing tags such as </title> out of attribute values.';
        diagnostics.push({ source: 'html', severity: 'error', line: lineOf(where), ...rangeOf(where), message });
        return problemBox('error', 'This HTML was not shown', message, true);
      }
      return result.html.replace(tokenPattern, (_, i: string) => slots[Number(i)] ?? '');
    };

    const renderMath = (
      tex: string,
      display: boolean,
      node: { position?: { start: { line: number; offset?: number }; end: { offset?: number } } },
    ) => {
      const key = formulaKey(tex, display);
      formulaKeys.push(key);
      const result = mathRenderer.render(tex, display);
      if (result.error) {
        diagnostics.push({
          source: 'math',
          severity: 'error',
          line: lineOf(node),
          ...rangeOf(node),
          message: `KaTeX cannot render this formula: ${result.error}. Fix the TeX; the build fails on it.`,
        });
      }
      // A display formula scrolls sideways in its own box, as in a built lesson (src/lib/markup/scroll-region.ts).
      return display && !result.error ? scrollRegionHtml('formula', result.html) : result.html;
    };

    const mathHandler: Handler = (_state, node) => slot(renderMath(node.value, true, node));
    const inlineMathHandler: Handler = (_state, node) => slot(renderMath(node.value, false, node));

    const codeHandler: Handler = (_state, node: Code) => {
      if (node.lang === 'math') return slot(renderMath(node.value, true, node));
      hasCode = true;
      const highlighted = highlight?.(node.value, node.lang ?? '', node.meta ?? null);
      if (typeof highlighted === 'string') return slot(markCodeBlockHtml(highlighted));
      // Until Shiki has loaded: a plain block that, like Shiki's, can be scrolled from the keyboard.
      return slot(markCodeBlockHtml(plainCodeHtml(node.value, node.lang)));
    };

    const headingHandler: Handler = (state, node: Heading) => {
      const element = defaultHandlers.heading(state, node);
      element.properties = { ...element.properties, id: `${nonce}h${headings.length}` };
      headings.push({ depth: node.depth, text: mdastText(node) });
      return element;
    };

    const expressionHandler: Handler = (_state, node) => {
      const estree = node.data?.estree as { body: unknown[] } | undefined;
      if (estree && estree.body.length === 0) return undefined; // {/* a comment */} or {}
      const flow = node.type === 'mdxFlowExpression';
      const tag = flow ? 'p' : 'span';
      return slot(
        `<${tag} class="author-expression" title="A {…} expression: the published lesson computes it; the preview never runs code.">{…}</${tag}>`,
      );
    };

    /** Children of a component, rendered (sanitised) to HTML. */
    const childrenHtml = (state: State, node: JsxElement, skip?: (child: RootContent) => boolean): string => {
      const kept = skip ? { ...node, children: (node.children as RootContent[]).filter((c) => !skip(c)) } : node;
      return finish(state.all(kept as unknown as MdastParents) as ElementContent[]);
    };

    const componentDiagnostic = (node: JsxElement, severity: 'error' | 'warning', message: string) =>
      diagnostics.push({ source: 'component', severity, line: lineOf(node), ...rangeOf(node), message });

    const jsxHandler: Handler = (state, node: JsxElement) => {
      const flow = node.type === 'mdxJsxFlowElement';
      const name = node.name;
      if (name === null) return state.all(node as unknown as MdastParents); // a fragment <>…</>
      const { props, problems } = readJsxProps(node.attributes);
      for (const problem of problems) {
        componentDiagnostic(node, 'warning', `<${name}> ${problem.name}: ${problem.reason}. The preview leaves this prop out.`);
      }
      if (/^[a-z]/.test(name) && !name.includes('.')) return htmlElement(name, props, state.all(node as unknown as MdastParents) as ElementContent[]);

      const component = authorComponent(name);
      if (!component) {
        const message = `Tinker has no component ${name}: the build will fail. Known components are ${KNOWN_NAMES}.`;
        componentDiagnostic(node, 'error', message);
        return slot(problemBox('warning', `Unknown component <${name}>`, message, flow));
      }
      return renderComponent(
        {
          slot,
          finish,
          childrenHtml: (skip) => childrenHtml(state, node, skip),
          children: (nodes) => state.all({ type: 'root', children: nodes } as unknown as MdastParents) as ElementContent[],
          diagnose: (source, severity, message) => diagnostics.push({ source, severity, line: lineOf(node), ...rangeOf(node), message }),
          inlineMath: (tex) => {
            formulaKeys.push(formulaKey(tex, false));
            const result = mathRenderer.render(tex, false);
            if (result.error) throw new Error(`KaTeX cannot render $${tex}$: ${result.error}`);
            return result.html;
          },
        },
        node,
        component,
        props,
      );
    };

    const handlers: Record<string, Handler> = {
      math: mathHandler,
      inlineMath: inlineMathHandler,
      code: codeHandler,
      heading: headingHandler,
      mdxjsEsm: () => undefined,
      mdxFlowExpression: expressionHandler,
      mdxTextExpression: expressionHandler,
      mdxJsxFlowElement: jsxHandler,
      mdxJsxTextElement: jsxHandler,
    };

    // The private-use characters of the tokens can never come from the document (same length: positions hold).
    const safeText = text.replace(/[\uE000\uE001]/g, '\uFFFD');
    let tree: MdastRoot;
    try {
      tree = parseBlock(safeText);
    } catch (error) {
      const place = error as { line?: number; column?: number; place?: { offset?: number }; reason?: string; message?: string };
      const reason = place.reason ?? place.message ?? String(error);
      const line = place.line ?? 1;
      const offset = place.place?.offset;
      const message = `MDX cannot read this: ${reason}. The build would fail the same way. Write \\< or \\{ for a literal < or {, and close every tag.`;
      diagnostics.push({
        source: 'mdx',
        severity: 'error',
        line,
        ...(offset !== undefined ? { from: offset, to: Math.min(offset + 1, text.length) } : {}),
        message,
      });
      return {
        id: nextEntryId++,
        // The block's line in the document is put in by the document pass (blocks move; the cache stays).
        template: problemBox('error', `MDX syntax error on line ${nonce}l${line}`, `${reason}.`, true),
        headings,
        diagnostics,
        formulaKeys,
        hasCode: false,
        hasLineMarker: true,
        words: text.split(/\s+/).filter(Boolean).length,
      };
    }

    let template: string;
    try {
      unravel(tree);
      SMARTYPANTS(tree);
      const hast = toHast(tree, { handlers }) as HastRoot;
      template = finish(hast.children as ElementContent[]);
    } catch (error) {
      const message = errorText(error);
      diagnostics.push({ source: 'mdx', severity: 'error', line: 1, message: `The preview could not render this block: ${message}` });
      template = problemBox('error', 'The preview could not render this block', message, true);
    }
    return { id: nextEntryId++, template, headings, diagnostics, formulaKeys, hasCode, words: countWords(tree) };
  }

  function render(source: string): PreviewResult {
    const started = performance.now();
    let frontmatter: FrontmatterResult;
    try {
      frontmatter = parseFrontmatter(source);
    } catch (error) {
      const message = errorText(error);
      frontmatter = {
        present: false,
        yaml: '',
        bodyOffset: 0,
        bodyStartLine: 1,
        data: null,
        raw: null,
        diagnostics: [{ source: 'frontmatter', severity: 'error', line: 1, field: null, message: `The frontmatter could not be read: ${message}` }],
      };
    }
    let sourceBlocks: SourceBlock[];
    try {
      sourceBlocks = splitBlocks(source.slice(frontmatter.bodyOffset), frontmatter.bodyOffset, frontmatter.bodyStartLine);
    } catch {
      const body = source.slice(frontmatter.bodyOffset);
      const lines = body.split('\n').length;
      sourceBlocks = [
        {
          text: body,
          from: frontmatter.bodyOffset,
          to: source.length,
          startLine: frontmatter.bodyStartLine,
          endLine: frontmatter.bodyStartLine + lines - 1,
        },
      ];
    }

    const live = new Map<string, BlockEntry>();
    const slugger = new GithubSlugger();
    const blocks: RenderedBlock[] = [];
    const headings: PreviewHeading[] = [];
    const diagnostics: AuthorDiagnostic[] = [...frontmatter.diagnostics];
    const usedKeys = new Map<string, number>();
    let rendered = 0;
    let formulas = 0;
    let words = 0;

    for (const block of sourceBlocks) {
      let entry = live.get(block.text) ?? blockCache.get(block.text);
      if (entry) mathRenderer.keep(entry.formulaKeys);
      else {
        entry = renderBlock(block.text);
        rendered++;
      }
      live.set(block.text, entry);
      formulas += entry.formulaKeys.length;
      words += entry.words;

      const slugs = entry.headings.map((h) => slugger.slug(h.text));
      entry.headings.forEach((h, i) => {
        if (h.depth === 2 || h.depth === 3) headings.push({ depth: h.depth, slug: slugs[i]!, text: h.text });
      });
      let html = slugs.length > 0 ? entry.template.replace(headingIdPattern, (_, i: string) => slugs[Number(i)] ?? '') : entry.template;
      if (entry.hasLineMarker) html = html.replace(lineMarkerPattern, (_, i: string) => String(block.startLine + Number(i) - 1));
      let key = slugs.length > 0 ? `b${entry.id}#${slugs.join('#')}` : `b${entry.id}`;
      const seen = usedKeys.get(key) ?? 0;
      usedKeys.set(key, seen + 1);
      if (seen > 0) key = `${key}~${seen}`;
      blocks.push({ key, html, startLine: block.startLine, endLine: block.endLine });

      for (const d of entry.diagnostics) {
        diagnostics.push({
          ...d,
          line: block.startLine + d.line - 1,
          ...(d.from !== undefined ? { from: block.from + d.from, to: block.from + (d.to ?? d.from) } : {}),
        });
      }
    }

    blockCache = live;
    const formulasRendered = mathRenderer.rendered;
    mathRenderer.sweep();
    diagnostics.sort((a, b) => a.line - b.line);
    return {
      frontmatter,
      headHtml: previewHeadHtml(frontmatter, siteUrl),
      blocks,
      headings,
      diagnostics,
      stats: { blocks: blocks.length, rendered, formulas, formulasRendered, words, ms: performance.now() - started },
    };
  }

  return {
    render,
    setHighlighter(next) {
      highlight = next;
      for (const [text, entry] of blockCache) if (entry.hasCode) blockCache.delete(text);
    },
  };
}

/** SVG child elements (their attributes are looked up in the SVG attribute space). */
