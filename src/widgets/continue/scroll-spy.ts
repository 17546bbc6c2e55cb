/**
 * The table of contents' scroll spy: the link of the section in view gets aria-current="location";
 * when that section is an h3, the link of its h2 gets data-toc-parent too (styled, not announced).
 * The rule is in src/lib/content/scroll-spy.ts; this file only measures, at most once per frame
 * (a passive scroll listener throttled with requestAnimationFrame), and marks the links.
 */
import { currentSection } from '../../lib/content/scroll-spy.ts';

/** A section the reader is in: its heading's id and text. */
export interface SpiedSection {
  id: string;
  title: string;
}

interface Entry {
  section: SpiedSection;
  link: HTMLAnchorElement;
  parent: HTMLAnchorElement | null;
  heading: HTMLElement;
}

function entries(nav: HTMLElement): Entry[] {
  const list: Entry[] = [];
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    const id = link.getAttribute('href')?.slice(1) ?? ''; // as written: the heading's id
    const heading = document.getElementById(id);
    if (!heading) continue;
    // An h3's link sits in a nested list inside its h2's item.
    const parentItem = link.closest('ol')?.closest('li');
    const parent = parentItem ? parentItem.querySelector<HTMLAnchorElement>(':scope > a') : null;
    list.push({ section: { id, title: heading.textContent?.trim() ?? '' }, link, parent, heading });
  }
  return list;
}

/** Scrolls the table of contents itself (not the page) so that `link` is inside it, when it scrolls at all. */
function keepInView(box: HTMLElement, link: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const boxRect = box.getBoundingClientRect();
  const linkRect = link.getBoundingClientRect();
  if (linkRect.top < boxRect.top) box.scrollTop -= boxRect.top - linkRect.top + 16;
  else if (linkRect.bottom > boxRect.bottom) box.scrollTop += linkRect.bottom - boxRect.bottom + 16;
}

/**
 * Starts marking `nav`'s link of the section in view, and calls `onChange` with that section
 * (null above the first heading) once at the start and after every change, for the page's life.
 */
export function startScrollSpy(nav: HTMLElement, onChange: (section: SpiedSection | null) => void): void {
  const list = entries(nav);
  let current: Entry | null | undefined; // undefined: not measured yet
  let frame = 0;

  const mark = (entry: Entry | null) => {
    if (current) {
      current.link.removeAttribute('aria-current');
      current.parent?.removeAttribute('data-toc-parent');
    }
    if (entry) {
      entry.link.setAttribute('aria-current', 'location');
      entry.parent?.setAttribute('data-toc-parent', '');
      keepInView(nav, entry.link);
    }
    current = entry;
    onChange(entry ? entry.section : null);
  };

  const measure = () => {
    frame = 0;
    const page = document.scrollingElement ?? document.documentElement;
    const index = currentSection({
      tops: list.map((e) => e.heading.getBoundingClientRect().top),
      viewportHeight: window.innerHeight,
      scrollTop: page.scrollTop,
      scrollHeight: page.scrollHeight,
    });
    const entry = list[index] ?? null;
    if (entry !== current) mark(entry);
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(measure);
  };

  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });
  measure();
}
