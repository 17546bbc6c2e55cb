import { describe, expect, it } from 'vitest';
import type { LessonFrontmatter } from '../content/lesson-schema.ts';
import { lessonHeadHtml } from './lesson-head.ts';

const lesson: LessonFrontmatter = {
  title: 'Start here',
  summary: 'Train your first network.',
  order: 0,
  track: 'foundations',
  objectives: ['Train a network', 'Read a loss curve'],
  minutes: 75,
  datasets: ['mnist', 'sample-images'],
  draft: false,
};
const links = { track: '/#foundations', datasets: '/about/#datasets' };

describe('lessonHeadHtml', () => {
  it('renders the meta line, title, lede, objectives and datasets', () => {
    const html = lessonHeadHtml(lesson, links, { number: 2, total: 4 });
    expect(html).toBe(
      '<header class="lesson-head"><p class="lesson-meta">' +
        '<span class="meta-item"><a href="/#foundations">Foundations</a></span>' +
        '<span class="meta-item">Lesson 2 of 4</span>' +
        '<span class="meta-item">About 1 h 15 min</span></p>' +
        '<h1>Start here</h1><p class="lede">Train your first network.</p>' +
        '<section class="objectives" aria-labelledby="objectives-title"><h2 id="objectives-title">By the end of this lesson you will…</h2>' +
        '<ul><li>Train a network</li><li>Read a loss curve</li></ul>' +
        '<p class="datasets">Data: MNIST, Sample images (<a href="/about/#datasets">credits and licences</a>)</p>' +
        '</section></header>',
    );
  });

  it('leaves out the position when none is given (a draft in the editor)', () => {
    const html = lessonHeadHtml(lesson, links);
    expect(html).not.toContain('Lesson ');
    expect(html).toContain('<span class="meta-item"><a href="/#foundations">Foundations</a></span><span class="meta-item">About 1 h 15 min</span>');
  });

  it('inside another page, keeps the h1 look but makes the title a level-2 heading', () => {
    const html = lessonHeadHtml(lesson, links, undefined, { embedded: true });
    expect(html).toContain('<p class="h1" role="heading" aria-level="2">Start here</p>');
    expect(lessonHeadHtml(lesson, links)).toContain('<h1>Start here</h1>');
  });

  it('shows the Draft badge only for drafts', () => {
    expect(lessonHeadHtml(lesson, links)).not.toContain('class="draft"');
    expect(lessonHeadHtml({ ...lesson, draft: true }, links)).toContain('About 1 h 15 min</span><span class="draft">Draft</span></p>');
  });

  it('has no datasets line without datasets', () => {
    const html = lessonHeadHtml({ ...lesson, datasets: [] }, links);
    expect(html).not.toContain('datasets');
    expect(html).toContain('</ul></section></header>');
  });

  it('escapes every text and link', () => {
    const html = lessonHeadHtml(
      { ...lesson, title: '<script>alert(1)</script>', summary: 'Say "hi" & \'bye\'', objectives: ['<img src=x onerror=alert(1)>'] },
      { track: '/#x" onclick="alert(1)', datasets: '/about/' },
    );
    expect(html).not.toMatch(/<script|<img|onclick="/);
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('<p class="lede">Say &quot;hi&quot; &amp; &#39;bye&#39;</p>');
    expect(html).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(html).toContain('href="/#x&quot; onclick=&quot;alert(1)"');
  });
});
