import { describe, expect, it } from 'vitest';
import {
  contactSheet,
  filterPages,
  isStartButton,
  numberWidgets,
  pageShotName,
  pagesFromFiles,
  parseShotsArgs,
  slugForPath,
  widgetShotName,
  type PageResult,
} from './shots-plan.ts';

describe('pagesFromFiles', () => {
  const files = [
    'index.html',
    '404.html',
    'about/index.html',
    'lessons/start-here/index.html',
    'lessons/q-learning-snake/index.html',
    'lessons/q-learning-snake/og.png',
    'dev/exercises/index.html',
    'dev/bench/index.html',
    '_astro/page.abc.js',
    'data/mnist/index.html',
    'sw.js',
  ];

  it('finds every index.html and the 404 page, never /dev/ or assets, the course map first', () => {
    expect(pagesFromFiles(files)).toEqual([
      { path: '/', slug: 'home' },
      { path: '/404.html', slug: '404' },
      { path: '/about/', slug: 'about' },
      { path: '/data/mnist/', slug: 'data-mnist' },
      { path: '/lessons/q-learning-snake/', slug: 'lessons-q-learning-snake' },
      { path: '/lessons/start-here/', slug: 'lessons-start-here' },
    ]);
  });

  it('finds a new lesson without being told about it, and reads Windows separators', () => {
    expect(pagesFromFiles(['lessons\\new-one\\index.html'])).toEqual([{ path: '/lessons/new-one/', slug: 'lessons-new-one' }]);
  });

  it('skips a nested dev folder too', () => {
    expect(pagesFromFiles(['lessons/dev/index.html', 'x/dev/y/index.html'])).toEqual([]);
  });
});

describe('names', () => {
  it('slugs paths for file names', () => {
    expect(slugForPath('/')).toBe('home');
    expect(slugForPath('/lessons/Start_Here/')).toBe('lessons-start-here');
    expect(slugForPath('/404.html')).toBe('404');
  });

  it('names page and widget screenshots', () => {
    expect(pageShotName('lessons-start-here', 375, 'dark')).toBe('lessons-start-here.375.dark.png');
    expect(widgetShotName('lessons-start-here', 'TK-MNIST-TRAINER', 1, 'before')).toBe('lessons-start-here.tk-mnist-trainer-1.before.png');
    expect(widgetShotName('about', 'tk-quiz', 3, 'after')).toBe('about.tk-quiz-3.after.png');
  });

  it('numbers widgets per tag in document order', () => {
    expect(numberWidgets(['tk-quiz', 'tk-code-cell', 'TK-QUIZ', 'tk-quiz'])).toEqual([
      { tag: 'tk-quiz', n: 1 },
      { tag: 'tk-code-cell', n: 1 },
      { tag: 'tk-quiz', n: 2 },
      { tag: 'tk-quiz', n: 3 },
    ]);
  });
});

describe('filterPages', () => {
  const pages = pagesFromFiles(['index.html', 'lessons/q-learning-snake/index.html', 'about/index.html']);
  it('keeps the pages whose path contains the text, any case', () => {
    expect(filterPages(pages, 'Snake').map((p) => p.path)).toEqual(['/lessons/q-learning-snake/']);
    expect(filterPages(pages, 'home').map((p) => p.path)).toEqual(['/']);
    expect(filterPages(pages, undefined)).toHaveLength(3);
  });
});

describe('isStartButton', () => {
  it('takes a widget primary action, not a quiz check or a dialog answer', () => {
    expect(isStartButton({ part: 'start', type: 'button' })).toBe(true);
    expect(isStartButton({ part: 'run', type: 'button' })).toBe(true);
    expect(isStartButton({ part: 'deep-fry', type: 'button' })).toBe(true);
    expect(isStartButton({ part: null, type: null })).toBe(true);
    expect(isStartButton({ part: 'check', type: 'submit' })).toBe(false);
    expect(isStartButton({ part: 'whatever', type: 'submit' })).toBe(false);
    expect(isStartButton({ part: 'confirm-yes', type: 'button' })).toBe(false);
  });
});

describe('parseShotsArgs', () => {
  it('has defaults that shoot everything in dist-test', () => {
    expect(parseShotsArgs([])).toMatchObject({
      dist: 'dist-test',
      out: 'shots/latest',
      build: false,
      pages: true,
      widgets: true,
      concurrency: 2,
      wait: 8,
      widgetWidth: 1280,
      widgetTheme: 'light',
    });
  });

  it('reads the options', () => {
    const o = parseShotsArgs(['--dist', 'dist-x', '--out', '/tmp/s', '--widgets-only', '--only', 'snake', '--concurrency', '3', '--wait', '2.5']);
    expect(o).toMatchObject({ dist: 'dist-x', out: '/tmp/s', pages: false, widgets: true, only: 'snake', concurrency: 3, wait: 2.5 });
    expect(parseShotsArgs(['--pages-only'])).toMatchObject({ pages: true, widgets: false });
  });

  it('refuses nonsense', () => {
    expect(() => parseShotsArgs(['--pages-only', '--widgets-only'])).toThrow(/exclude/);
    expect(() => parseShotsArgs(['--concurrency', '0'])).toThrow(/positive/);
    expect(() => parseShotsArgs(['--concurrency', '1.5'])).toThrow(/positive/);
    expect(() => parseShotsArgs(['--widget-theme', 'blue'])).toThrow(/light or dark/);
    expect(() => parseShotsArgs(['--frobnicate'])).toThrow();
  });
});

describe('contactSheet', () => {
  const results: PageResult[] = [
    {
      page: { path: '/lessons/a&b/', slug: 'lessons-a-b' },
      shots: [
        { width: 1280, theme: 'light', file: 'lessons-a-b.1280.light.png' },
        { width: 375, theme: 'dark', file: null, note: 'Timeout 30000ms' },
      ],
      widgets: [
        { tag: 'tk-quiz', n: 1, before: 'lessons-a-b.tk-quiz-1.before.png', after: null, pressed: null, state: null },
        {
          tag: 'tk-trainer',
          n: 1,
          before: 'lessons-a-b.tk-trainer-1.before.png',
          after: 'lessons-a-b.tk-trainer-1.after.png',
          pressed: 'Start training',
          state: 'done',
        },
      ],
    },
  ];
  const html = contactSheet(results, { dist: 'dist-test', date: '2026-01-01', seconds: 12 });

  it('links every screenshot relatively and groups them under their page', () => {
    for (const file of ['lessons-a-b.1280.light.png', 'lessons-a-b.tk-quiz-1.before.png', 'lessons-a-b.tk-trainer-1.after.png'])
      expect(html).toContain(`<a href="${file}"><img src="${file}"`);
    expect(html).toContain('<section id="lessons-a-b"><h2>/lessons/a&amp;b/</h2>');
    expect(html).toContain('<a href="#lessons-a-b">');
  });

  it('says what is missing and why, and needs no script', () => {
    expect(html).toContain('Timeout 30000ms');
    expect(html).toContain('no start button');
    expect(html).toContain('after &quot;Start training&quot; (data-state: done)');
    expect(html).not.toContain('<script');
  });
});
