/**
 * Saves where the reader is in a lesson (saved progress `last`), as the scroll spy reports the
 * section in view: once the reader has stayed in a section for VISIT_DELAY_MS (not on every
 * scroll event), and at once when the page is hidden or left.
 */
import { savedProgress } from '../shared/saved-progress.ts';
import type { SpiedSection } from './scroll-spy.ts';

export const VISIT_DELAY_MS = 1000;

/** Returns the function to give the scroll spy as its onChange, for the lesson `slug`. */
export function visitRecorder(slug: string): (section: SpiedSection | null) => void {
  const progress = savedProgress();
  let pending: SpiedSection | null | undefined; // undefined: nothing waiting
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === undefined) return;
    progress.recordVisit(slug, pending?.id ?? '', pending?.title ?? '');
    pending = undefined;
  };
  window.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save();
  });

  return (section) => {
    pending = section;
    clearTimeout(timer);
    timer = setTimeout(save, VISIT_DELAY_MS);
  };
}
