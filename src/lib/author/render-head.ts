/**
 * The top of the /author preview: the lesson header as a published lesson draws it when the
 * frontmatter is valid, else a best-effort title and summary and a box listing every problem.
 */
import { escapeHtml } from '../format/html.ts';
import { lessonHeadHtml, titleHtml } from '../markup/lesson-head.ts';
import type { FrontmatterResult } from './types.ts';

export function previewHeadHtml(frontmatter: FrontmatterResult, siteUrl: (path: string) => string): string {
  if (frontmatter.data) {
    return lessonHeadHtml(frontmatter.data, { track: siteUrl(`#${frontmatter.data.track}`), datasets: siteUrl('about/#datasets') }, undefined, {
      embedded: true,
    });
  }
  const raw = frontmatter.raw ?? {};
  const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title : 'Untitled lesson';
  const summary = typeof raw.summary === 'string' ? `<p class="lede">${escapeHtml(raw.summary)}</p>` : '';
  const count = frontmatter.diagnostics.length;
  const problems = frontmatter.diagnostics
    .map((d) => `<li>Line ${d.line}: ${escapeHtml(d.message)}</li>`) // the message starts with the field's name
    .join('');
  return (
    `<header class="lesson-head">${titleHtml(title, true)} ${summary}</header>` +
    `<div class="author-problem author-problem-error author-frontmatter-problems" role="note">` +
    `<strong class="author-problem-title">The frontmatter has ${count === 1 ? 'a problem' : `${count} problems`}: the lesson would not build.</strong>` +
    `<ul>${problems}</ul></div>`
  );
}
