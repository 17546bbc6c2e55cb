/**
 * The pure parts of `npm run shots` (scripts/shots.ts): which pages a build has, what each screenshot
 * is called, which button starts a widget, the command line, and the contact sheet (index.html) that
 * lets a reviewer flip through the result. Unit-tested in shots-plan.test.ts.
 */
import { parseArgs } from 'node:util';

export const WIDTHS = [1280, 375] as const;
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export type Phase = 'before' | 'after';

/** A page of the build: its URL path under the base ("/", "/lessons/start-here/", "/404.html") and a file-name slug. */
export interface SitePage {
  path: string;
  slug: string;
}

/**
 * The pages of a build, from the paths of its files relative to the build folder (forward slashes):
 * every `index.html` and the 404 page, never the hidden /dev/ harness pages nor Astro's assets.
 * Sorted: the course map first, then by path.
 */
export function pagesFromFiles(files: readonly string[]): SitePage[] {
  const pages: SitePage[] = [];
  for (const raw of files) {
    const file = raw.replaceAll('\\', '/').replace(/^\.?\//, '');
    const parts = file.split('/');
    if (parts.some((part) => part === 'dev' || part.startsWith('_'))) continue;
    if (file === '404.html') pages.push({ path: '/404.html', slug: '404' });
    else if (parts.at(-1) === 'index.html') {
      const dir = parts.slice(0, -1);
      pages.push({ path: `/${dir.map((part) => `${part}/`).join('')}`, slug: slugForPath(`/${dir.join('/')}`) });
    }
  }
  return pages.sort((a, b) => (a.path === '/' ? -1 : b.path === '/' ? 1 : a.path.localeCompare(b.path)));
}

/** A file-name-safe name for a page path: "/" is "home", "/lessons/start-here/" is "lessons-start-here". */
export function slugForPath(path: string): string {
  const slug = path
    .replace(/\.html$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'home';
}

/** The pages whose path or slug contains `only` (all when it is empty). */
export function filterPages(pages: readonly SitePage[], only: string | undefined): SitePage[] {
  if (!only) return [...pages];
  const needle = only.toLowerCase();
  return pages.filter((page) => page.path.toLowerCase().includes(needle) || page.slug.includes(needle));
}

/** "lessons-start-here.1280.light.png" */
export function pageShotName(slug: string, width: number, theme: Theme): string {
  return `${slug}.${width}.${theme}.png`;
}

/** "lessons-start-here.tk-mnist-trainer-1.before.png": `n` counts the widgets of that tag on the page, from 1. */
export function widgetShotName(slug: string, tag: string, n: number, phase: Phase): string {
  return `${slug}.${tag.toLowerCase()}-${n}.${phase}.png`;
}

/** Numbers a page's widgets by tag, in document order: ["tk-quiz", "tk-a", "tk-quiz"] → quiz 1, a 1, quiz 2. */
export function numberWidgets(tags: readonly string[]): { tag: string; n: number }[] {
  const seen = new Map<string, number>();
  return tags.map((raw) => {
    const tag = raw.toLowerCase();
    const n = (seen.get(tag) ?? 0) + 1;
    seen.set(tag, n);
    return { tag, n };
  });
}

/**
 * Primary buttons that do not start anything: a quiz's "Check answer" and a dialog's "Yes".
 * Every other primary button of a widget (Start training, Train, Run, Play, Step, Deep fry…) is its "use".
 */
const NOT_A_START = new Set(['check', 'confirm-yes', 'confirm-no', 'retry', 'reveal']);

/** Whether a widget's primary button (`.tk-button--primary`, by its data-part and type) is the one that puts the widget to use. */
export function isStartButton(button: { part: string | null; type: string | null }): boolean {
  return button.type !== 'submit' && !NOT_A_START.has(button.part ?? '');
}

export interface ShotsOptions {
  dist: string;
  out: string;
  build: boolean;
  pages: boolean;
  widgets: boolean;
  only: string | undefined;
  concurrency: number;
  /** Seconds to wait after a widget's start before its "after" screenshot, at most. */
  wait: number;
  widgetWidth: number;
  widgetTheme: Theme;
  help: boolean;
}

export const USAGE = `npm run shots -- [options]
  Screenshots of every page (1280 and 375 px, light and dark) and of every widget before and after use,
  with a contact sheet (index.html) to flip through.

  --dist <folder>        the build to serve (default dist-test; make it with npm run build:test)
  --build                build it first (npm run build:test -- --outDir <folder>)
  --out <folder>         where to write (default shots/latest; emptied first)
  --pages-only           only the full-page screenshots
  --widgets-only         only the widget screenshots
  --only <text>          only pages whose path contains <text> (e.g. --only snake)
  --concurrency <n>      pages shot at once (default 2)
  --wait <seconds>       how long a widget may run before its "after" screenshot (default 8)
  --widget-width <px>    window width for the widget screenshots (default 1280)
  --widget-theme <name>  light or dark, for the widget screenshots (default light)`;

/** Reads the command line (without node and the script); throws on a bad value. */
export function parseShotsArgs(argv: readonly string[]): ShotsOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dist: { type: 'string', default: 'dist-test' },
      out: { type: 'string', default: 'shots/latest' },
      build: { type: 'boolean', default: false },
      'pages-only': { type: 'boolean', default: false },
      'widgets-only': { type: 'boolean', default: false },
      only: { type: 'string' },
      concurrency: { type: 'string', default: '2' },
      wait: { type: 'string', default: '8' },
      'widget-width': { type: 'string', default: '1280' },
      'widget-theme': { type: 'string', default: 'light' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values['pages-only'] && values['widgets-only']) throw new Error('--pages-only and --widgets-only exclude each other');
  const positive = (name: string, text: string, integer: boolean): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
      throw new Error(`--${name} wants a positive number, not "${text}"`);
    return value;
  };
  const theme = values['widget-theme'];
  if (theme !== 'light' && theme !== 'dark') throw new Error(`--widget-theme is light or dark, not "${theme}"`);
  return {
    dist: values.dist,
    out: values.out,
    build: values.build,
    pages: !values['widgets-only'],
    widgets: !values['pages-only'],
    only: values.only,
    concurrency: positive('concurrency', values.concurrency, true),
    wait: positive('wait', values.wait, false),
    widgetWidth: positive('widget-width', values['widget-width'], true),
    widgetTheme: theme,
    help: values.help,
  };
}

/** One widget of a page, as shot: its file names (null where there is none) and what went wrong, if anything. */
export interface WidgetResult {
  tag: string;
  n: number;
  before: string | null;
  after: string | null;
  /** The label of the button pressed for "after" ("Start training"), or null when the widget has none. */
  pressed: string | null;
  /** The widget's data-state when the "after" screenshot was taken. */
  state: string | null;
  note?: string;
}

export interface PageResult {
  page: SitePage;
  shots: { width: number; theme: Theme; file: string | null; note?: string }[];
  widgets: WidgetResult[];
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const href = (file: string): string => encodeURI(file);

const shot = (file: string | null, caption: string, note?: string): string =>
  file
    ? `<figure><a href="${href(file)}"><img src="${href(file)}" alt="${escapeHtml(caption)}" loading="lazy"></a><figcaption>${escapeHtml(caption)}</figcaption></figure>`
    : `<figure class="missing"><div>${escapeHtml(note ?? 'no screenshot')}</div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;

/** The contact sheet: one section per page (its four page screenshots, then each widget before and after), relative links, no script. */
export function contactSheet(results: readonly PageResult[], meta: { dist: string; date: string; seconds: number }): string {
  const toc = results.map((r) => `<li><a href="#${r.page.slug}">${escapeHtml(r.page.path)}</a></li>`).join('');
  const sections = results
    .map((r) => {
      const pages = r.shots.map((s) => shot(s.file, `${s.width} px, ${s.theme}`, s.note)).join('');
      const widgets = r.widgets
        .map((w) => {
          const name = `<${w.tag}> ${w.n}`;
          const after = w.pressed
            ? shot(w.after, `after "${w.pressed}" (data-state: ${w.state ?? 'none'})`, w.note)
            : '<figure class="missing"><div>no start button: nothing to use</div></figure>';
          return `<div class="widget"><h3>${escapeHtml(name)}</h3><div class="pair">${shot(w.before, 'before', w.note)}${after}</div></div>`;
        })
        .join('');
      return `<section id="${r.page.slug}"><h2>${escapeHtml(r.page.path)}</h2>${pages ? `<div class="pages">${pages}</div>` : ''}${widgets}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Screenshots of ${escapeHtml(meta.dist)}</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 1rem 2rem; background: #f6f7f9; color: #1f2328; }
  h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; }
  h3 { font-size: 1rem; margin: 1.5rem 0 0.5rem; font-family: ui-monospace, monospace; }
  .pages, .pair { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; }
  figure { margin: 0; background: #fff; border: 1px solid #d0d7de; padding: 0.4rem; }
  .pages figure { max-height: 32rem; overflow: hidden; }
  .pages img { width: 16rem; }
  .pair img { max-width: 36rem; max-height: 40rem; }
  figcaption { font-size: 0.85rem; color: #57606a; }
  .missing div { padding: 2rem 1rem; color: #57606a; font-style: italic; }
</style>
</head>
<body>
<h1>Screenshots of ${escapeHtml(meta.dist)}</h1>
<p>Taken ${escapeHtml(meta.date)} in ${Math.round(meta.seconds)} s. Each image links to the full-size file.</p>
<ul>${toc}</ul>
${sections}
</body>
</html>
`;
}
