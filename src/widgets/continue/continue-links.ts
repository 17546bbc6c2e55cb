/**
 * Fills in the "Continue" links from the progress saved in this browser (the pages are static):
 * each `[data-continue]` link carries the course's lessons as JSON in `data-lessons` (slug, title,
 * href, in course order) and a `[data-continue-text]` part for its words.
 * - data-continue="hero" (the course map): says "Start the course" until there is something to
 *   continue, then "Continue: <lesson> — <section>" and links there.
 * - data-continue="header": hidden until then. Its words are "Continue" and the rest
 *   (`[data-continue-rest]`, ": <lesson> — <section>"), which narrow screens hide visually.
 * The rules of where to continue: src/lib/progress/continue.ts.
 */
import { continueTarget, continueText, parseContinueLessons } from '../../lib/progress/continue.ts';
import { savedProgress, type ProgressData } from '../shared/saved-progress.ts';

function show(link: HTMLAnchorElement, data: ProgressData): void {
  const target = continueTarget(data, parseContinueLessons(link.dataset.lessons));
  const text = link.querySelector<HTMLElement>('[data-continue-text]');
  if (!text) return;
  if (link.dataset.continue === 'hero') {
    link.dataset.startHref ??= link.getAttribute('href') ?? '';
    text.textContent = target ? continueText(target) : 'Start the course';
    link.href = target ? target.href : link.dataset.startHref;
    return;
  }
  const rest = link.querySelector<HTMLElement>('[data-continue-rest]');
  link.hidden = target === null;
  if (!target) return;
  link.href = target.href;
  text.textContent = 'Continue';
  if (rest) rest.textContent = continueText(target).slice('Continue'.length);
  link.title = continueText(target);
}

/** Fills in every continue link on the page now and whenever saved progress changes. */
export function setUpContinueLinks(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('a[data-continue]')];
  if (links.length === 0) return;
  const progress = savedProgress();
  const render = (data: ProgressData) => {
    for (const link of links) show(link, data);
  };
  render(progress.data());
  progress.subscribe(render);
}
