/**
 * The preview of Tinker's MDX components (render.ts calls this for a known capitalised tag):
 * Callout, Figure, MarginNote and Quiz as the published lesson draws them (src/lib/markup), SourceLink as
 * plain words, and every widget as a labelled placeholder listing its props. Problems the build
 * would stop on become diagnostics and problem boxes.
 */
import type { ElementContent, Text as HastText } from 'hast';
import type { RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { escapeHtml } from '../format/html.ts';
import { calloutHtml, isCalloutKind } from '../markup/callout.ts';
import { figureHtml, figureWidth, isFigureWidth } from '../markup/figure.ts';
import { marginNoteHtml } from '../markup/margin-note.ts';
import { quizHtml } from '../markup/quiz.ts';
import { renderQuizTexts } from '../quiz/inline.ts';
import { validateQuizProps } from '../quiz/validate.ts';
import type { AuthorComponent } from './components.ts';
import { describeProp } from './mdx-props.ts';
import { isWhitespaceText, problemBox } from './render-mdast.ts';
import type { AuthorDiagnostic } from './types.ts';
import { errorText } from '../format/error-text.ts';

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** What a component's preview needs of the block being rendered. */
export interface ComponentContext {
  /** A token standing for trusted HTML (put back after sanitising). */
  slot(html: string): HastText;
  /** Author hast, sanitised, as HTML (an error box when it would not parse back the same). */
  finish(children: ElementContent[]): string;
  /** The component's children as sanitised HTML, leaving out those `skip` picks. */
  childrenHtml(skip?: (child: RootContent) => boolean): string;
  /** Some mdast nodes as (unsanitised) hast. */
  children(nodes: RootContent[]): ElementContent[];
  /** A problem at the component's place. */
  diagnose(source: 'component' | 'math', severity: AuthorDiagnostic['severity'], message: string): void;
  /** An inline formula as HTML (recorded for the maths cache); throws when KaTeX cannot render it. */
  inlineMath(tex: string): string;
}

export function renderComponent(ctx: ComponentContext, node: JsxElement, component: AuthorComponent, props: Record<string, unknown>): HastText {
  const flow = node.type === 'mdxJsxFlowElement';
  const name = component.name;
  const { slot, finish } = ctx;
  if (name === 'Callout') {
    let kind = props.kind;
    if (kind !== undefined && !isCalloutKind(kind)) {
      ctx.diagnose('component', 'error', `<Callout kind=${describeProp(kind)}>: kind must be "note", "tip" or "warning".`);
      kind = undefined;
    }
    const title = typeof props.title === 'string' ? props.title : undefined;
    if (props.title !== undefined && title === undefined)
      ctx.diagnose('component', 'warning', '<Callout title>: the title must be text, e.g. title="Try this".');
    return slot(calloutHtml({ kind: kind as 'note' | 'tip' | 'warning' | undefined, title }, ctx.childrenHtml()));
  }
  if (name === 'Figure') {
    const isCaption = (child: RootContent) =>
      (child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') &&
      child.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'slot' && a.value === 'caption');
    const captionNodes = (node.children as RootContent[]).filter(isCaption);
    const captionHtml =
      captionNodes.length > 0
        ? finish(
            captionNodes.flatMap((c) => {
              const element = c as JsxElement;
              const stripped = { ...element, attributes: element.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'slot')) };
              return ctx.children([stripped as unknown as RootContent]);
            }),
          )
        : undefined;
    const caption = typeof props.caption === 'string' ? props.caption : undefined;
    if (props.width !== undefined && !isFigureWidth(props.width))
      ctx.diagnose('component', 'error', `<Figure width=${describeProp(props.width)}>: width must be "prose", "page" or "screen".`);
    const width = figureWidth({ width: props.width, wide: props.wide === true });
    return slot(figureHtml({ caption, width }, ctx.childrenHtml(isCaption), captionHtml));
  }
  if (name === 'MarginNote') return slot(marginNoteHtml(ctx.childrenHtml()));
  if (name === 'SourceLink') {
    // The preview knows no repository: the words, as a build without PUBLIC_REPOSITORY_URL shows them.
    return slot(`<span class="source-name">${ctx.childrenHtml()}</span>`);
  }
  if (name === 'Quiz') {
    let quiz;
    try {
      quiz = validateQuizProps(props);
    } catch (error) {
      const message = errorText(error);
      ctx.diagnose('component', 'error', `${message} (the build fails on this quiz).`);
      return slot(problemBox('error', 'This quiz cannot be built', message, flow));
    }
    let texts;
    try {
      texts = renderQuizTexts(quiz, (tex) => ctx.inlineMath(tex));
    } catch (error) {
      const message = errorText(error);
      ctx.diagnose('math', 'error', `${message} (the build fails on this quiz).`);
      return slot(problemBox('error', 'This quiz cannot be built', message, flow));
    }
    const hasExplanation = (node.children as RootContent[]).some((c) => !isWhitespaceText(c));
    return slot(quizHtml(quiz, texts, hasExplanation ? ctx.childrenHtml() : null, { preview: true }));
  }
  // A widget: a labelled placeholder with its props.
  const propList = Object.entries(props)
    .map(([key, value]) => `<code>${escapeHtml(value === true ? key : `${key}=${describeProp(value)}`)}</code>`)
    .join(' ');
  const tag = flow ? 'div' : 'span';
  return slot(
    `<${tag} class="author-placeholder" role="note" aria-label="${escapeHtml(`${name} placeholder`)}">` +
      `<strong class="author-placeholder-name">&lt;${escapeHtml(name)}&gt;</strong> ` +
      `<span class="author-placeholder-description">${escapeHtml(component.description)}</span> ` +
      (propList ? `<span class="author-placeholder-props">${propList}</span> ` : '') +
      `<span class="author-placeholder-note">Interactive: shown in the published lesson.</span></${tag}>`,
  );
}
