/**
 * An element's width as a CSS custom property, for sizes that follow a box rather than the viewport:
 * the cells of a grid that must fit its panel, a formula that shrinks with its column.
 *
 * This stands in for CSS size containers (an inline-size `container-type` with container units or
 * container queries), which the site does not use. Chromium sometimes lays out nothing at all inside
 * a size container (https://issues.chromium.org/issues/497855657): the container keeps its width, but
 * everything in it has no box, as if it were `display: none`, until something forces a new layout.
 * A widget's settings vanished that way under load (e2e/mnist-trainer.spec.ts). A published width has
 * no such failure mode; src/lib/style/size-containers.test.ts keeps them out.
 *
 * The property is the content-box width in px, set on the element itself, so its descendants read it
 * with `var(--tk-inline-size, <a fallback for before the script runs>)`. The first value arrives
 * before the first paint after the call (a ResizeObserver reports before paint), and the property
 * follows every later resize.
 */
export const INLINE_SIZE_PROPERTY = '--tk-inline-size';

/** What publishInlineSize needs of ResizeObserver (tests pass a fake). */
export interface SizeObserverLike {
  observe(target: Element): void;
  disconnect(): void;
}
export interface SizeEntry {
  target: Element;
  contentRect: { width: number };
}
export type SizeObserverFactory = (onResize: (entries: readonly SizeEntry[]) => void) => SizeObserverLike;

const resizeObserver: SizeObserverFactory = (onResize) => new ResizeObserver((entries) => onResize(entries));

/**
 * Publishes each element's content-box width (px, to a hundredth) as `--tk-inline-size` on that
 * element, now and on every resize. Returns a function that stops following them (the last values
 * stay). A widget calls it when connected and stops it when disconnected.
 */
export function publishInlineSize(elements: Iterable<HTMLElement>, observe: SizeObserverFactory = resizeObserver): () => void {
  const last = new Map<Element, string>();
  const observer = observe((entries) => {
    for (const entry of entries) {
      const value = `${Math.round(entry.contentRect.width * 100) / 100}px`;
      // Writing the same value again would restyle the subtree for nothing.
      if (last.get(entry.target) === value) continue;
      last.set(entry.target, value);
      (entry.target as HTMLElement).style.setProperty(INLINE_SIZE_PROPERTY, value);
    }
  });
  for (const el of elements) observer.observe(el);
  return () => observer.disconnect();
}
