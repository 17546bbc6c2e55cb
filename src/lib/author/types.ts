/**
 * Shared types of the course-authoring editor (/author). Pure data: no DOM, no Astro.
 * See README.md in this folder for which module does what.
 */
import type { LessonFrontmatter } from '../content/lesson-schema.ts';

/** Lines are 1-based, offsets 0-based UTF-16 indexes into the whole source (frontmatter included). */
export interface SourceRange {
  /** First line of the range (1-based). */
  startLine: number;
  /** Last line of the range (1-based, inclusive). */
  endLine: number;
  /** Offset of the first character. */
  from: number;
  /** Offset just past the last character. */
  to: number;
}

/** One top-level chunk of the body (a paragraph, a heading, a fenced code block, a <Callout>…</Callout>, …). */
export interface SourceBlock extends SourceRange {
  text: string;
}

export type DiagnosticSource = 'frontmatter' | 'mdx' | 'math' | 'component' | 'html';

/** A problem in the source, shown in the editor at its line and listed beside the preview. */
export interface AuthorDiagnostic {
  source: DiagnosticSource;
  severity: 'error' | 'warning';
  /** 1-based line of the source the problem is on. */
  line: number;
  /** Optional precise range (offsets into the whole source); else the whole line. */
  from?: number;
  to?: number;
  /** Frontmatter problems: the field it is about (`title`), or null for the block as a whole. */
  field?: string | null;
  /** Plain words: what is wrong and what to do. */
  message: string;
}

/** What `parseFrontmatter` finds at the top of a source text. */
export interface FrontmatterResult {
  /** Whether the source starts with a `---` … `---` block. */
  present: boolean;
  /** The YAML text between the fences ('' when absent). */
  yaml: string;
  /** Offset and 1-based line where the body (after the closing fence and its newline) starts; when absent, just past any BOM (0 or 1) and line 1. */
  bodyOffset: number;
  bodyStartLine: number;
  /** The validated frontmatter, or null when there is any error. */
  data: LessonFrontmatter | null;
  /** The parsed YAML value even when invalid (for a best-effort header), else null. */
  raw: Record<string, unknown> | null;
  /** Every problem, each with the line of its field (source 'frontmatter'). Empty when valid. */
  diagnostics: AuthorDiagnostic[];
}

/** One rendered block of the preview. */
export interface RenderedBlock {
  /**
   * Stable identity for DOM reuse: the same key means the same HTML. Two blocks never share a key
   * in one result (a repeated identical block gets a suffix).
   */
  key: string;
  html: string;
  startLine: number;
  endLine: number;
}

/** A heading of the body, as the published lesson's table of contents would list it. */
export interface PreviewHeading {
  depth: number;
  /** The id on the heading element (github-slugger, unique in the lesson, like Astro's). */
  slug: string;
  text: string;
}

export interface PreviewStats {
  /** Blocks in the source / blocks whose HTML had to be rendered this time (not from the cache). */
  blocks: number;
  rendered: number;
  /** Formulas in the source / formulas KaTeX had to render this time. */
  formulas: number;
  formulasRendered: number;
  /** Words of prose (whitespace-separated tokens outside frontmatter and code). */
  words: number;
  /** Time `render` took, in ms (performance.now()). */
  ms: number;
}

export interface PreviewResult {
  frontmatter: FrontmatterResult;
  /** The lesson header (meta line, title, summary, objectives) exactly as the lesson layout renders it, or an error box. */
  headHtml: string;
  blocks: RenderedBlock[];
  headings: PreviewHeading[];
  /** Frontmatter, MDX syntax, KaTeX and component problems, sorted by line. */
  diagnostics: AuthorDiagnostic[];
  stats: PreviewStats;
}

/**
 * Highlights one fenced code block, returning the exact markup Astro's Shiki step would produce
 * (`<pre class="astro-code …">…</pre>`), or null when it cannot (yet): the renderer then emits a plain
 * `<pre><code>` block.
 */
export type CodeHighlighter = (code: string, lang: string, meta: string | null) => string | null;

export interface PreviewRendererOptions {
  highlight?: CodeHighlighter;
  /** Links inside the site (the lesson header's track link, datasets credits): turns a site path into a URL. Default: identity with a leading '/'. */
  siteUrl?: (path: string) => string;
}

export interface PreviewRenderer {
  /** Renders the whole source, reusing cached blocks and formulas from earlier calls. Never throws. */
  render(source: string): PreviewResult;
  /** Swaps the code highlighter (e.g. once Shiki has loaded) and forgets cached code blocks. */
  setHighlighter(highlight: CodeHighlighter | undefined): void;
}

/** A saved draft. */
export interface Draft {
  id: string;
  /** The whole text (frontmatter + body), exactly as typed. */
  text: string;
  /** ms since epoch. */
  createdAt: number;
  updatedAt: number;
}

/** A draft as the drafts list shows it. */
export interface DraftSummary {
  id: string;
  /** The frontmatter title when there is one, else the first heading, else "Untitled draft". */
  title: string;
  updatedAt: number;
  /** Characters in the draft. */
  length: number;
}
